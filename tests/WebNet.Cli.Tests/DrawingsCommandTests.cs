using System.Globalization;
using System.Text.RegularExpressions;
using WebNet.Core.Drawings;
using WebNet.Core.Imaging;

namespace WebNet.Cli.Tests;

public sealed partial class DrawingsCommandTests
{
    [Fact]
    public async Task AMadeSetIsScoredByEvaluateAsTheModelReadsEachDrawing()
    {
        var folder = Directory.CreateTempSubdirectory("webnet-drawings-").FullName;
        try
        {
            var model = Path.Combine(folder, "m.json");
            var set = Path.Combine(folder, "set.zip");
            var train = await CliProcess.RunAsync("train", "--epochs", "1", "--hidden", "16", "--lr", "0.5", "--seed", "3", "--out", model);
            Assert.True(train.ExitCode == 0, train.Error);
            var make = await CliProcess.RunAsync("drawings", "make", "--count", "60", "--digits", "train", "--seed", "4", "--out", set);
            Assert.True(make.ExitCode == 0, make.Error);
            Assert.Contains("Wrote 60 pen drawings of MNIST train digits", make.Output, StringComparison.Ordinal);

            // The file is a drawing set the app's import reads: 60 labelled PNGs.
            DrawingSet drawings;
            await using (var file = File.OpenRead(set))
            {
                drawings = DrawingArchive.ReadZip(file);
            }

            Assert.Equal(60, drawings.Count);
            Assert.True(drawings.Drawings.Select(d => d.Label).Distinct().Count() > 5);

            // evaluate --drawings counts what the model answers for each drawing's preprocessed input.
            var network = ModelFiles.Load(model).Network;
            var inputs = drawings.ToDataset(PreprocessMode.Stroke);
            var (correct, _) = EvaluateCommand.Score(network, inputs);
            var evaluation = await CliProcess.RunAsync("evaluate", model, "--drawings", set);
            Assert.True(evaluation.ExitCode == 0, evaluation.Error);
            var match = Counted().Match(evaluation.Output);
            Assert.True(match.Success, evaluation.Output);
            Assert.Equal(correct.Sum(), int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            Assert.Equal("60", match.Groups[2].Value);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ABadSetOrCountIsOneErrorLine()
    {
        var folder = Directory.CreateTempSubdirectory("webnet-drawings-").FullName;
        try
        {
            var notZip = Path.Combine(folder, "x.zip");
            await File.WriteAllTextAsync(notZip, "not a zip");
            var model = Path.Combine(folder, "m.json");
            var train = await CliProcess.RunAsync("train", "--epochs", "1", "--hidden", "8", "--seed", "3", "--out", model);
            Assert.True(train.ExitCode == 0, train.Error);

            var bad = await CliProcess.RunAsync("evaluate", model, "--drawings", notZip);
            Assert.Equal(3, bad.ExitCode);
            Assert.StartsWith("error: --drawings:", bad.Error, StringComparison.Ordinal);
            Assert.Contains("not a readable zip", bad.Error, StringComparison.Ordinal);

            var count = await CliProcess.RunAsync("drawings", "make", "--count", "0", "--out", notZip);
            Assert.Equal(2, count.ExitCode);
            Assert.StartsWith("error: --count: must be from 1", count.Error, StringComparison.Ordinal);
            Assert.Contains("webnet drawings make --help", count.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"drawings accuracy [0-9.]+% \(([0-9]+) of ([0-9]+)\)")]
    private static partial Regex Counted();
}
