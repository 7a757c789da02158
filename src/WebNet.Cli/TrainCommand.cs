using System.CommandLine;
using System.Globalization;
using WebNet.Core.Drawings;
using WebNet.Core.Training;

namespace WebNet.Cli;

/// <summary>webnet train: trains a network on MNIST, one line per epoch, optionally a CSV curve and the model JSON.</summary>
internal static class TrainCommand
{

    public static Command Create()
    {
        var hyper = new HyperparameterOptions();
        var outPath = new Option<string?>("--out") { Description = "Write the trained model as JSON to this file." };
        var csvPath = new Option<string?>("--csv") { Description = "Write the curve as CSV: epoch,test_accuracy,train_loss,seconds (epoch 0 = untrained)." };
        var drawings = new Option<string?>("--drawings") { Description = "A drawing set (the PNG zip the app exports, or 'webnet drawings make' writes): its held-out part is scored every epoch (a drawings_accuracy column in --csv)." };
        // Both are checked by Core with the other hyperparameters (drawings.heldOut, drawings.copies in a start request).
        var heldOut = CliOptions.Number<double>("--drawings-held-out", $"The share of the drawings held out for the curve, chosen by each drawing's bytes (default {DrawingsTraining.DefaultHeldOut.ToString(CultureInfo.InvariantCulture)}); with --drawings.");
        var copies = CliOptions.Number<int>("--drawings-copies", $"Mix the drawings not held out into the training set this many times (default 0: score only, at most {DrawingsTraining.MaxCopies}); with --drawings.");
        var command = new Command("train", "Train a network on MNIST.");
        hyper.AddTo(command);
        command.Options.Add(outPath);
        command.Options.Add(csvPath);
        command.Options.Add(drawings);
        command.Options.Add(heldOut);
        command.Options.Add(copies);
        command.SetAction((parse, cancellationToken) =>
        {
            var set = parse.GetValue(drawings);
            if (set is null && (parse.GetValue(copies) is not null || parse.GetValue(heldOut) is not null))
            {
                throw new CliException("--drawings-copies and --drawings-held-out say how to use a drawing set; name it with --drawings FILE.");
            }

            var options = hyper.Build(parse, parse.GetValue(copies), parse.GetValue(heldOut));
            var curve = set is null ? null : DrawingsCommand.LoadForTraining(set, options.Drawings.HeldOut, options.Drawings.Copies);
            return Task.FromResult(Run(options, parse.GetValue(hyper.Data), parse.GetValue(outPath), parse.GetValue(csvPath), Console.Out, cancellationToken, curve));
        });
        return command;
    }

    public static int Run(TrainingOptions options, string? dataFolder, string? outPath, string? csvPath, TextWriter output, CancellationToken cancellationToken, DrawingsCurve? drawings = null)
    {
        var (train, test) = Session.LoadData(dataFolder, output);
        if (drawings is not null)
        {
            output.WriteLine($"Drawings: {drawings.HeldOut.Count} held out for the curve, {drawings.Training.Count} mixed in {drawings.Copies} times");
            train = Core.Drawings.DrawingSet.Mix(train, drawings.Training, drawings.Copies);
        }

        using var csv = csvPath is null ? null : OpenCsv(csvPath, drawings is not null);
        using var trainer = new Trainer(options, train, test, Session.CreateBackend(options.Backend));
        output.WriteLine($"Network {trainer.Shape}, {options.Optimizer.ToWireName()} lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)}, batch {options.BatchSize}, L2 {options.L2.ToString(CultureInfo.InvariantCulture)}, seed {options.Seed}, {options.Epochs} epochs");
        output.WriteLine($"Backend {trainer.Backend.Name}: {trainer.Backend.DeviceName}");
        var view = new ProgressView(output, !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out), options.Epochs);

        double? Drawings() => drawings is null ? null : EvaluateCommand.Score(trainer.Snapshot(), drawings.HeldOut).Correct.Sum() / (double)drawings.HeldOut.Count;
        var initial = trainer.Evaluate(cancellationToken);
        var drawingsAccuracy = Drawings();
        view.OnEpoch(initial, drawingsAccuracy);
        WriteRow(csv, initial, drawingsAccuracy);
        var totalSeconds = 0.0;
        EpochResult last = initial;
        for (var e = 1; e <= options.Epochs; e++)
        {
            var epoch = e;
            try
            {
                last = trainer.RunEpoch((b, n) => view.OnBatch(epoch, b, n), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine($"Stopped during epoch {epoch}; {trainer.Epoch} epochs completed.");
                return ExitCodes.Cancelled;
            }

            totalSeconds += last.Seconds;
            drawingsAccuracy = Drawings();
            view.OnEpoch(last, drawingsAccuracy);
            WriteRow(csv, last, drawingsAccuracy);
            if (!double.IsFinite(last.TrainLoss))
            {
                throw new CliException($"Training diverged at epoch {epoch} (the loss is {last.TrainLoss}); lower --lr.", ExitCodes.Usage);
            }
        }

        var onDrawings = drawingsAccuracy is { } d ? string.Create(CultureInfo.InvariantCulture, $", drawings accuracy {d * 100:F2}%") : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done: test accuracy {last.TestAccuracy * 100:F2}%{onDrawings} after {trainer.Epoch} epochs, {totalSeconds:F1} s of training ({totalSeconds / Math.Max(1, options.Epochs):F3} s per epoch)."));
        if (outPath is not null)
        {
            ModelFiles.Save(trainer, last, outPath);
            output.WriteLine($"Model written to {outPath}");
        }

        if (csvPath is not null)
        {
            output.WriteLine($"Curve written to {csvPath}");
        }

        return ExitCodes.Ok;
    }

    private static StreamWriter OpenCsv(string path, bool drawings)
    {
        try
        {
            var writer = new StreamWriter(path, append: false) { AutoFlush = true };
            writer.WriteLine(drawings ? "epoch,test_accuracy,train_loss,seconds,drawings_accuracy" : "epoch,test_accuracy,train_loss,seconds");
            return writer;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            throw new CliException($"--csv: cannot write '{path}': {e.Message}");
        }
    }

    private static void WriteRow(StreamWriter? csv, EpochResult row, double? drawings) =>
        csv?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Epoch},{row.TestAccuracy:R},{row.TrainLoss:R},{row.Seconds:F4}{(drawings is { } d ? "," + d.ToString("R", CultureInfo.InvariantCulture) : "")}"));
}
