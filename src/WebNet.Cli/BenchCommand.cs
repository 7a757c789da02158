using System.CommandLine;
using System.Globalization;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Cli;

/// <summary>
/// webnet bench: times training epochs of a network (the seed by default) after warm-up epochs, and
/// reports the median epoch time, samples per second and the dense-equivalent GFLOP/s.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var hyper = new HyperparameterOptions();
        var batches = new Option<string?>("--batches") { Description = "Comma-separated batch sizes to time one after another (default: 500,64 unless --batch is given)." };
        var warmup = new Option<int>("--warmup") { Description = "Untimed epochs first.", DefaultValueFactory = _ => 2 };
        var input = new Option<string>("--input") { Description = "CPU backend's first-layer input path: auto, sparse or dense.", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int?>("--threads") { Description = "CPU backend worker threads (default: one per core)." };
        var command = new Command("bench", "Time training epochs: median epoch seconds, samples/s, GFLOP/s.");
        hyper.AddTo(command);
        command.Options.Add(batches);
        command.Options.Add(warmup);
        command.Options.Add(input);
        command.Options.Add(threads);
        command.SetAction(parse =>
        {
            var options = hyper.Build(parse);
            if (parse.GetValue(hyper.Epochs) is null)
            {
                options = options with { Epochs = 10 };
            }

            var sizes = parse.GetValue(batches) is { } list
                ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) && b > 0 ? b : throw new CliException($"--batches: '{s}' is not a positive whole number.")).ToArray()
                : parse.GetValue(hyper.Batch) is { } one ? [one] : [500, 64];
            var warm = parse.GetValue(warmup);
            if (warm < 0)
            {
                throw new CliException("--warmup: must be 0 or more.");
            }

            bool? sparse = parse.GetValue(input)?.ToUpperInvariant() switch
            {
                "AUTO" => null,
                "SPARSE" => true,
                "DENSE" => false,
                var other => throw new CliException($"--input: unknown input path '{other}'; use auto, sparse or dense."),
            };
            var threadCount = parse.GetValue(threads);
            if (threadCount is < 1)
            {
                throw new CliException("--threads: must be 1 or more.");
            }

            return Run(options, sizes, warm, sparse, threadCount, parse.GetValue(hyper.Data), Console.Out);
        });
        return command;
    }

    public static int Run(TrainingOptions options, IReadOnlyList<int> batchSizes, int warmup, bool? sparse, int? threads, string? dataFolder, TextWriter output)
    {
        var (train, test) = Session.LoadData(dataFolder, output);
        output.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {options.Epochs} timed epochs after {warmup} warm-up");
        output.WriteLine("batch  backend      median_s   min_s     max_s     samples/s   GFLOP/s  eval_s   accuracy");
        foreach (var batch in batchSizes)
        {
            var run = options with { BatchSize = batch };
            var errors = run.Validate();
            if (errors.Count > 0)
            {
                throw new CliException(string.Join(" ", errors.SelectMany(e => e.Value)));
            }

            ITrainingBackend backend = run.Backend is BackendNames.Cpu or BackendNames.Auto && (sparse is not null || threads is not null)
                ? new CpuBackend(threads, sparse)
                : Session.CreateBackend(run.Backend);
            using var trainer = new Trainer(run, train, test, backend);
            for (var w = 0; w < warmup; w++)
            {
                trainer.RunEpoch();
            }

            // The phases of the timed epochs only: the warm-up's first epoch also compiles the kernels.
            var (warmForward, warmUpdate, warmAugment) = backend is CpuBackend warm ? (warm.PhaseSeconds.ForwardBackward, warm.PhaseSeconds.GradientUpdate, warm.AugmentationSeconds) : (0, 0, 0);
            var seconds = new double[run.Epochs];
            var evalSeconds = new double[run.Epochs];
            EpochResult last = trainer.Evaluate();
            for (var e = 0; e < run.Epochs; e++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                last = trainer.RunEpoch();
                seconds[e] = last.Seconds;
                evalSeconds[e] = clock.Elapsed.TotalSeconds - last.Seconds;
            }

            var median = Median(seconds);
            var gflop = EpochFlops(trainer.Shape, train.Count) / 1e9;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{batch,5}  {backend.Name,-11}  {median,8:F4}  {seconds.Min(),8:F4}  {seconds.Max(),8:F4}  {train.Count / median,10:F0}  {gflop / median,7:F1}  {Median(evalSeconds),6:F4}  {last.TestAccuracy * 100:F2}%"));
            output.WriteLine($"       device: {backend.DeviceName}; an epoch is {gflop:F2} GFLOP of dense matrix work");
            if (backend is CpuBackend cpu)
            {
                var (forward, update) = cpu.PhaseSeconds;
                var epochs = Math.Max(1, run.Epochs);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"       per timed epoch (mean): forward+deltas {(forward - warmForward) / epochs:F4} s, gradients+update {(update - warmUpdate) / epochs:F4} s, augmentation {(cpu.AugmentationSeconds - warmAugment) / epochs:F4} s; first layer input {(cpu.TrainingInputDensity is { } density ? $"sparse, {density:P1} non-zero" : "dense")}"));
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Dense matrix FLOPs of one training epoch: forward and weight gradient of every layer, input gradient of every layer but the first.</summary>
    public static double EpochFlops(NetworkShape shape, int samples)
    {
        var perSample = 0.0;
        for (var l = 0; l < shape.Layers.Count; l++)
        {
            var mac = (double)shape.Layers[l].Inputs * shape.Layers[l].Outputs;
            perSample += 2 * mac * (l == 0 ? 2 : 3);
        }

        return perSample * samples;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
