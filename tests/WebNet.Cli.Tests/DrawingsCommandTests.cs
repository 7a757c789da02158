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
            Assert.Equal((correct.Sum(), 60), await EvaluateAsync(model, set));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task GlyphDrawingsAreEachDigitInTurnWrittenReadablyAndTheSameForTheSameSeed()
    {
        var folder = Directory.CreateTempSubdirectory("webnet-drawings-").FullName;
        try
        {
            var first = Path.Combine(folder, "a.zip");
            var again = Path.Combine(folder, "b.zip");
            foreach (var set in new[] { first, again })
            {
                var make = await CliProcess.RunAsync("drawings", "make", "--style", "glyph", "--count", "30", "--seed", "2", "--out", set);
                Assert.True(make.ExitCode == 0, make.Error);
                Assert.Contains("Wrote 30 glyph drawings", make.Output, StringComparison.Ordinal);
            }

            Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(again));
            DrawingSet drawings;
            await using (var file = File.OpenRead(first))
            {
                drawings = DrawingArchive.ReadZip(file);
            }

            Assert.Equal(Enumerable.Range(0, 30).Select(i => i % 10), drawings.Drawings.Select(d => d.Label));
            // Every one has ink the app's preprocessing reads (a blank or unreadable drawing throws here).
            Assert.Equal(30, drawings.ToDataset(PreprocessMode.Stroke).Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TrainScoresTheDrawingsEveryEpochAsEvaluateDoesAndMixingChangesTheRunOnlyWhenAsked()
    {
        var folder = Directory.CreateTempSubdirectory("webnet-drawings-").FullName;
        try
        {
            var set = Path.Combine(folder, "set.zip");
            var make = await CliProcess.RunAsync("drawings", "make", "--count", "40", "--digits", "train", "--seed", "9", "--out", set);
            Assert.True(make.ExitCode == 0, make.Error);
            string[] Train(string name, params string[] more) => ["train", "--epochs", "2", "--hidden", "16", "--lr", "0.5", "--seed", "5", "--csv", Path.Combine(folder, name + ".csv"), "--out", Path.Combine(folder, name + ".json"), .. more];

            // Every drawing held out: the last epoch's figure is evaluate --drawings on the model it saved.
            var scored = await CliProcess.RunAsync(Train("scored", "--drawings", set, "--drawings-held-out", "1"));
            Assert.True(scored.ExitCode == 0, scored.Error);
            var rows = await File.ReadAllLinesAsync(Path.Combine(folder, "scored.csv"));
            Assert.Equal("epoch,test_accuracy,train_loss,seconds,drawings_accuracy", rows[0]);
            Assert.Equal(4, rows.Length);
            var last = double.Parse(rows[^1].Split(',')[4], CultureInfo.InvariantCulture);
            var (right, total) = await EvaluateAsync(Path.Combine(folder, "scored.json"), set);
            Assert.Equal(40, total);
            Assert.Equal(right / 40.0, last, 1e-12);

            // Scoring alone trains exactly as a run without drawings; mixing them in trains on more.
            var plain = await CliProcess.RunAsync(Train("plain"));
            Assert.True(plain.ExitCode == 0, plain.Error);
            static string Curve(string line) => string.Join(',', line.Split(',')[..3]);
            Assert.Equal((await File.ReadAllLinesAsync(Path.Combine(folder, "plain.csv"))).Skip(1).Select(Curve), rows.Skip(1).Select(Curve));
            var mixed = await CliProcess.RunAsync(Train("mixed", "--drawings", set, "--drawings-copies", "5"));
            Assert.True(mixed.ExitCode == 0, mixed.Error);
            Assert.Matches(@"Drawings: [0-9]+ held out for the curve, [0-9]+ mixed in 5 times", mixed.Output);
            Assert.NotEqual(rows.Skip(1).Select(Curve), (await File.ReadAllLinesAsync(Path.Combine(folder, "mixed.csv"))).Skip(1).Select(Curve));
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

            // train's drawing options are checked by Core with the other hyperparameters, named as the CLI spells them.
            var share = await CliProcess.RunAsync("train", "--epochs", "1", "--drawings", notZip, "--drawings-held-out", "0", "--drawings-copies", "5000");
            Assert.Equal(2, share.ExitCode);
            Assert.Contains("--drawings-held-out: drawings.heldOut must be a share above 0", share.Error, StringComparison.Ordinal);
            Assert.Contains("--drawings-copies: drawings.copies must be a whole number from 0", share.Error, StringComparison.Ordinal);
            var alone = await CliProcess.RunAsync("train", "--epochs", "1", "--drawings-copies", "5");
            Assert.Equal(2, alone.ExitCode);
            Assert.StartsWith("error: --drawings-copies and --drawings-held-out say how to use a drawing set", alone.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>evaluate --drawings's count of right answers and of drawings.</summary>
    private static async Task<(int Right, int Total)> EvaluateAsync(string model, string set)
    {
        var evaluation = await CliProcess.RunAsync("evaluate", model, "--drawings", set);
        Assert.True(evaluation.ExitCode == 0, evaluation.Error);
        var match = Counted().Match(evaluation.Output);
        Assert.True(match.Success, evaluation.Output);
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"drawings accuracy [0-9.]+% \(([0-9]+) of ([0-9]+)\)")]
    private static partial Regex Counted();
}
