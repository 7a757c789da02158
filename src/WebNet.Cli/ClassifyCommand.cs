using System.CommandLine;
using System.Globalization;
using WebNet.Core.Classification;
using WebNet.Core.Imaging;
using WebNet.Core.Network;

namespace WebNet.Cli;

/// <summary>webnet classify model.json drawing.png: the digit and probabilities, after MNIST-style preprocessing or none.</summary>
internal static class ClassifyCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model JSON file." };
        var drawing = new Argument<string>("drawing") { Description = "A PNG drawing: black on transparent, black on white, or white on black." };
        var preprocess = new Option<string>("--preprocess") { Description = "mnist (crop, fit 20x20, centre of mass), stroke (mnist without specks, pen width brought to MNIST's) or none.", DefaultValueFactory = _ => PreprocessModes.Default.ToWireName() };
        var command = new Command("classify", "Classify a drawn digit.");
        command.Arguments.Add(model);
        command.Arguments.Add(drawing);
        command.Options.Add(preprocess);
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(drawing)!, parse.GetValue(preprocess), Console.Out));
        return command;
    }

    public static int Run(string modelPath, string drawingPath, string? preprocess, TextWriter output)
    {
        if (!PreprocessModes.TryParse(preprocess, out var mode))
        {
            throw new CliException($"--preprocess: unknown mode '{preprocess}'; use {string.Join(", ", PreprocessModes.Names)}.");
        }

        var network = ModelFiles.Load(modelPath).Network;
        if (!DigitClassifier.Fits(network))
        {
            throw new CliException($"The model takes {network.Shape.InputSize} inputs and gives {network.Shape.OutputSize} outputs; drawings become 28x28 = 784 inputs and 10 digits.", ExitCodes.Data);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(drawingPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read the drawing '{drawingPath}': {e.Message}", ExitCodes.Data);
        }

        // What the server does: the canvas's possible ink from the decoder's rows, then Core's one classifier.
        DigitClassification result;
        try
        {
            using var crop = CanvasInkReader.Read(bytes, out var convention);
            output.WriteLine($"Drawing {drawingPath}: {convention} ink");
            result = DigitClassifier.Classify(network, crop, new ClassifyOptions(mode));
        }
        catch (ImageDecodeException e)
        {
            throw new CliException($"'{drawingPath}': {e.Message}", ExitCodes.Data);
        }

        if (result.Failure == ClassifyFailure.Blank)
        {
            throw new CliException($"'{drawingPath}' has no ink to classify.", ExitCodes.Data);
        }

        var answer = result.Answer!;
        var (digit, probabilities) = (answer.Digit, answer.Probabilities);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"digit {digit} (confidence {probabilities[digit]:P1}), preprocess {mode.ToWireName()}"));
        if (answer.Unsure)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"not sure: {digit} or {answer.RunnerUp} ({answer.RunnerUpProbability:P1})?"));
        }

        if (answer.Steps is { } steps)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stroke: {steps.SpecksRemoved} specks ({steps.PixelsRemoved} px) left out, width {steps.StrokeWidth:F2} -> {steps.TargetStrokeWidth:F2} (adjusted {steps.Adjustment:+0.00;-0.00})"));
        }
        for (var d = 0; d < probabilities.Length; d++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {d}: {probabilities[d],6:F4} {new string('#', (int)Math.Round(probabilities[d] * 40))}"));
        }

        return ExitCodes.Ok;
    }
}
