using System.Globalization;

namespace WebNet.Cli.Tests;

public sealed class CliTests
{
    [Theory]
    [InlineData("--batch", "0", "--batch")]
    [InlineData("--lr", "-0.5", "--lr")]
    [InlineData("--preset", "nope", "--preset")]
    [InlineData("--hidden", "64,x", "--hidden")]
    [InlineData("--activation", "swish", "--activation")]
    [InlineData("--backend", "tpu", "--backend")]
    [InlineData("--epochs", "0", "--epochs")]
    [InlineData("--batch", "abc", "--batch")]
    [InlineData("--schedule", "linear", "--schedule")]
    [InlineData("--aug-shift", "20", "--aug-shift")]
    [InlineData("--aug-rotation", "lots", "--aug-rotation")]
    public async Task NonsenseOptionsGiveOneClearMessageAndAUsageExitCode(string option, string value, string named)
    {
        var result = await CliProcess.RunAsync("train", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: " + named, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task AWordOptionsErrorListsTheAllowedValues()
    {
        var result = await CliProcess.RunAsync("train", "--activation", "nope");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'sigmoid' 'tanh' 'relu'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingDataFolderSaysWhatToRunAndExitsWithTheDataCode()
    {
        var result = await CliProcess.RunAsync("train", "--data", Path.Combine(Path.GetTempPath(), "webnet-nothing-here"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("npm ci", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedDataFileIsReportedWithoutAStackTrace()
    {
        var folder = Directory.CreateTempSubdirectory("webnet-cli-").FullName;
        try
        {
            foreach (var name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            {
                File.WriteAllBytes(Path.Combine(folder, name), [0, 0, 8, 1, 0, 0, 0, 9, 1, 2]);
            }

            var result = await CliProcess.RunAsync("train", "--data", folder);

            Assert.Equal(3, result.ExitCode);
            Assert.Contains("truncated", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task UnreadableModelFileIsReportedWithoutAStackTrace()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "{\"format\":\"webnet-mlp\",\"version\":1,\"layers\":[]}");
            var result = await CliProcess.RunAsync("evaluate", path);

            Assert.Equal(3, result.ExitCode);
            Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task SameSeedGivesTheSameCurveTwiceAndTheModelRoundTrips()
    {
        var folder = Directory.CreateTempSubdirectory("webnet-cli-").FullName;
        try
        {
            string[] Args(string name) => ["train", "--epochs", "2", "--hidden", "16", "--lr", "0.5", "--seed", "5", "--csv", Path.Combine(folder, name + ".csv"), "--out", Path.Combine(folder, name + ".json")];
            var first = await CliProcess.RunAsync(Args("a"));
            var second = await CliProcess.RunAsync(Args("b"));
            Assert.True(first.ExitCode == 0, first.Error);
            Assert.True(second.ExitCode == 0, second.Error);

            var a = await File.ReadAllLinesAsync(Path.Combine(folder, "a.csv"));
            var b = await File.ReadAllLinesAsync(Path.Combine(folder, "b.csv"));
            Assert.Equal("epoch,test_accuracy,train_loss,seconds", a[0]);
            Assert.Equal(4, a.Length);

            // Everything but the wall-clock seconds is identical.
            static string WithoutSeconds(string line) => line[..line.LastIndexOf(',')];
            Assert.Equal(a.Select(WithoutSeconds), b.Select(WithoutSeconds));
            var accuracy = double.Parse(a[^1].Split(',')[1], CultureInfo.InvariantCulture);
            Assert.InRange(accuracy, 0.3, 1.0);

            var evaluation = await CliProcess.RunAsync("evaluate", Path.Combine(folder, "a.json"));
            Assert.Equal(0, evaluation.ExitCode);
            Assert.Contains((accuracy * 100).ToString("F2", CultureInfo.InvariantCulture) + "%", evaluation.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
