using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Storage;
using WebNet.Web.Training;

namespace WebNet.Web.Tests.Storage;

/// <summary>A run store and a drawing store on one database, as one app process (one replica) holds them.</summary>
public sealed record Stores(IRunStore Runs, IDrawingStore Drawings, IDisposable? Owner = null) : IDisposable
{
    public void Dispose() => Owner?.Dispose();
}

/// <summary>Epochs as a trainer completes them: a small 784-4-10 network whose weights and checkpoint differ per epoch.</summary>
internal static class StoredEpochs
{
    public static readonly TrainingOptions Options = Presets.Seed with { Hidden = [4], Epochs = 20 };

    /// <summary>The test accuracy <see cref="Save"/> stores for an epoch.</summary>
    public static double Accuracy(int epoch) => 0.1 + epoch * 0.01;

    public static EpochResult Result(int epoch, double accuracy = 0.5) =>
        new(epoch, accuracy, 1.0 / (epoch + 1), 2.0 / (epoch + 1), 0.25 * epoch, 1000 + epoch);

    public static TrainerCheckpoint Checkpoint(int epoch)
    {
        var count = Options.CreateShape(28 * 28, 10).ParameterCount;
        var parameters = new float[count];
        var optimizer = new float[count];
        for (var i = 0; i < count; i++)
        {
            parameters[i] = MathF.Sin(i + epoch) * 0.1f;
            optimizer[i] = i % 7 * 1e-3f + epoch;
        }

        // A random state above long.MaxValue: stored as a signed 64-bit column, it must read back the same.
        return new TrainerCheckpoint(epoch, parameters, optimizer, 10L * epoch, ulong.MaxValue - (ulong)epoch);
    }

    public static WeightsDto Weights(int epoch) => WeightQuantizer.Quantize(new Mlp(Options.CreateShape(28 * 28, 10), Checkpoint(epoch).Parameters));

    /// <summary>Stores epochs 0..last of the run as the training loop does, the last one completing it when it is the plan's end.</summary>
    public static void Save(IRunStore store, long runId, int last, int first = 0)
    {
        for (var epoch = first; epoch <= last; epoch++)
        {
            store.SaveEpoch(runId, Result(epoch, Accuracy(epoch)), Weights(epoch), Checkpoint(epoch), epoch >= Options.Epochs ? RunState.Completed : RunState.Running);
        }
    }
}
