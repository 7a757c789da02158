using System.CommandLine;
using System.Globalization;
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
        var command = new Command("train", "Train a network on MNIST.");
        hyper.AddTo(command);
        command.Options.Add(outPath);
        command.Options.Add(csvPath);
        command.SetAction((parse, cancellationToken) =>
        {
            var options = hyper.Build(parse);
            return Task.FromResult(Run(options, parse.GetValue(hyper.Data), parse.GetValue(outPath), parse.GetValue(csvPath), Console.Out, cancellationToken));
        });
        return command;
    }

    public static int Run(TrainingOptions options, string? dataFolder, string? outPath, string? csvPath, TextWriter output, CancellationToken cancellationToken)
    {
        var (train, test) = Session.LoadData(dataFolder, output);
        using var csv = csvPath is null ? null : OpenCsv(csvPath);
        using var trainer = new Trainer(options, train, test, Session.CreateBackend(options.Backend));
        output.WriteLine($"Network {trainer.Shape}, {options.Optimizer.ToWireName()} lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)}, batch {options.BatchSize}, L2 {options.L2.ToString(CultureInfo.InvariantCulture)}, seed {options.Seed}, {options.Epochs} epochs");
        output.WriteLine($"Backend {trainer.Backend.Name}: {trainer.Backend.DeviceName}");
        var view = new ProgressView(output, !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out), options.Epochs);

        var initial = trainer.Evaluate(cancellationToken);
        view.OnEpoch(initial);
        WriteRow(csv, initial);
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
            view.OnEpoch(last);
            WriteRow(csv, last);
            if (!double.IsFinite(last.TrainLoss))
            {
                throw new CliException($"Training diverged at epoch {epoch} (the loss is {last.TrainLoss}); lower --lr.", ExitCodes.Usage);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done: test accuracy {last.TestAccuracy * 100:F2}% after {trainer.Epoch} epochs, {totalSeconds:F1} s of training ({totalSeconds / Math.Max(1, options.Epochs):F3} s per epoch)."));
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

    private static StreamWriter OpenCsv(string path)
    {
        try
        {
            var writer = new StreamWriter(path, append: false) { AutoFlush = true };
            writer.WriteLine("epoch,test_accuracy,train_loss,seconds");
            return writer;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            throw new CliException($"--csv: cannot write '{path}': {e.Message}");
        }
    }

    private static void WriteRow(StreamWriter? csv, EpochResult row) =>
        csv?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Epoch},{row.TestAccuracy:R},{row.TrainLoss:R},{row.Seconds:F4}"));
}
