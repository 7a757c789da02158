using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Network;
using WebNet.Core.Serialization;
using WebNet.Core.Training;

namespace WebNet.Cli.Tests;

public sealed class ClassifyCommandTests
{
    [Theory]
    [InlineData("mnist")]
    [InlineData("none")]
    [InlineData("stroke")]
    public async Task ClassifyPrintsTheDigitAndTenProbabilitiesForEachPreprocessing(string preprocess)
    {
        var folder = Directory.CreateTempSubdirectory("webnet-cli-classify-").FullName;
        try
        {
            var model = Path.Combine(folder, "model.json");
            var network = Initializers.Create(NetworkShape.Create([784, 16, 10], Activation.Sigmoid, Cost.CrossEntropy), Initializer.Xavier, new SplitMix64(3));
            await File.WriteAllBytesAsync(model, ModelJson.Serialize(new ModelDocument(network, ModelInput.Mnist)));
            var drawing = Path.Combine(folder, "bar.png");
            using (var image = new Image<Rgba32>(280, 280, new Rgba32(255, 255, 255, 255)))
            {
                for (var y = 60; y < 220; y++)
                {
                    for (var x = 130; x < 150; x++)
                    {
                        image[x, y] = new Rgba32(0, 0, 255, 255);
                    }
                }

                await image.SaveAsPngAsync(drawing);
            }

            var result = await CliProcess.RunAsync("classify", model, drawing, "--preprocess", preprocess);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("DarkOnLight ink", result.Output, StringComparison.Ordinal);
            Assert.Matches($"digit [0-9] \\(confidence .*\\), preprocess {preprocess}", result.Output);
            Assert.Equal(10, result.Output.Split('\n').Count(line => System.Text.RegularExpressions.Regex.IsMatch(line, "^  [0-9]: ")));
            Assert.Equal(preprocess == "stroke", result.Output.Contains("stroke: 0 specks", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AnUnknownPreprocessingIsAUsageError()
    {
        var result = await CliProcess.RunAsync("classify", "model.json", "drawing.png", "--preprocess", "deskew");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --preprocess", result.Error, StringComparison.Ordinal);
    }
}
