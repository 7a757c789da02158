using System.CommandLine;
using System.Globalization;
using System.Numerics.Tensors;

namespace WebNet.Cli;

/// <summary>webnet evaluate model.json: test-set accuracy, mean cost and per-digit accuracy of a saved model.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model JSON file (WebNet or machine.academy)." };
        var data = new Option<string?>("--data") { Description = "MNIST folder (default: the npm restore's)." };
        var command = new Command("evaluate", "Test-set accuracy of a saved model.");
        command.Arguments.Add(model);
        command.Options.Add(data);
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(data), Console.Out));
        return command;
    }

    public static int Run(string modelPath, string? dataFolder, TextWriter output)
    {
        var network = ModelFiles.Load(modelPath).Network;
        var (_, test) = Session.LoadData(dataFolder, output);
        if (network.Shape.InputSize != test.InputSize || network.Shape.OutputSize != test.Classes)
        {
            throw new CliException($"The model is {string.Join('-', network.Shape.Sizes)}; MNIST needs {test.InputSize} inputs and {test.Classes} outputs.", ExitCodes.Data);
        }

        var correct = new int[test.Classes];
        var seen = new int[test.Classes];
        var output10 = new float[test.Classes];
        for (var s = 0; s < test.Count; s++)
        {
            network.Predict(test.Image(s), output10);
            seen[test.Labels[s]]++;
            if (TensorPrimitives.IndexOfMax(output10) == test.Labels[s])
            {
                correct[test.Labels[s]]++;
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Model {network.Shape}: test accuracy {100.0 * correct.Sum() / test.Count:F2}% ({correct.Sum()} of {test.Count})"));
        for (var d = 0; d < test.Classes; d++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  digit {d}: {100.0 * correct[d] / Math.Max(1, seen[d]),6:F2}% of {seen[d]}"));
        }

        return ExitCodes.Ok;
    }
}
