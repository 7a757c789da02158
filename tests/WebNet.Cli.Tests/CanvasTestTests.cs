namespace WebNet.Cli.Tests;

public sealed class CanvasTestTests
{
    [Fact]
    public async Task AnUnknownStyleGivesOneErrorLineAndTheUsageExitCode()
    {
        var result = await CliProcess.RunAsync("canvas-test", "--style", "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --style", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPreprocessingWithAModelFileIsRefusedBeforeAnythingRuns()
    {
        var result = await CliProcess.RunAsync("canvas-test", "--model", "no-such-model.json", "--preprocess", "sideways");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --preprocess", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProcessPenTestReportsEachBreakdownAndSavesNamedDrawings()
    {
        var folder = Directory.CreateTempSubdirectory("webnet-canvas-").FullName;
        try
        {
            var model = Path.Combine(folder, "model.json");
            var train = await CliProcess.RunAsync("train", "--epochs", "1", "--hidden", "32", "--lr", "0.5", "--seed", "3", "--out", model);
            Assert.True(train.ExitCode == 0, train.Error);

            var saved = Path.Combine(folder, "drawings");
            var result = await CliProcess.RunAsync("canvas-test", "--model", model, "--style", "pen", "--count", "60", "--preprocess", "mnist", "--save", saved);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("the same digits as MNIST stores them", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Rendered", result.Output, StringComparison.Ordinal);
            foreach (var line in new[] { "pen preprocess=mnist", "  pen width ", "  ink ", "  tilt ", "  digit size" })
            {
                Assert.Contains(line, result.Output, StringComparison.Ordinal);
            }

            // A model after one epoch reads most pen drawings: the in-process pipeline is the real one, not chance.
            var accuracy = double.Parse(result.Output.Split("pen preprocess=mnist  accuracy")[1].Split('%')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(accuracy, 40, 100);
            var files = Directory.GetFiles(saved, "*.png").Select(Path.GetFileName).ToArray();
            Assert.Equal(60, files.Length);
            Assert.All(files, f => Assert.Matches(@"^\d{5}-label\d-pen-[a-z-]+-width\d+pct-tilt-?\d+-height\d+pct\.png$", f));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
