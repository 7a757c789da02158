using System.CommandLine;
using System.Globalization;
using System.Numerics.Tensors;
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
        var preprocess = new Option<string>("--preprocess") { Description = "mnist (crop, fit 20x20, centre of mass) or none.", DefaultValueFactory = _ => "mnist" };
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
            throw new CliException($"--preprocess: unknown mode '{preprocess}'; use mnist or none.");
        }

        var network = ModelFiles.Load(modelPath).Network;
        if (network.Shape.InputSize != DigitPreprocessor.FieldSize * DigitPreprocessor.FieldSize)
        {
            throw new CliException($"The model takes {network.Shape.InputSize} inputs; drawings become 28x28 = 784.", ExitCodes.Data);
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

        PreprocessResult prepared;
        try
        {
            prepared = DigitPreprocessor.Process(InkExtractor.Extract(PngImageDecoder.Decode(bytes), out var convention), mode);
            output.WriteLine($"Drawing {drawingPath}: {convention} ink");
        }
        catch (ImageDecodeException e)
        {
            throw new CliException($"'{drawingPath}': {e.Message}", ExitCodes.Data);
        }

        if (prepared.Blank)
        {
            throw new CliException($"'{drawingPath}' has no ink to classify.", ExitCodes.Data);
        }

        var outputs = new float[network.Shape.OutputSize];
        network.Predict(prepared.Input, outputs);
        var probabilities = OutputProbabilities.From(outputs);
        var digit = TensorPrimitives.IndexOfMax(outputs);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"digit {digit} (confidence {probabilities[digit]:P1}), preprocess {mode.ToWireName()}"));
        for (var d = 0; d < probabilities.Length; d++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {d}: {probabilities[d],6:F4} {new string('#', (int)Math.Round(probabilities[d] * 40))}"));
        }

        return ExitCodes.Ok;
    }
}
