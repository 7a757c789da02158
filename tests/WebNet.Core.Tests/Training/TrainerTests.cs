using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Training;

public sealed class TrainerTests
{
    private static readonly TrainingOptions Options = new()
    {
        Hidden = [24],
        Activation = Activation.Sigmoid,
        Cost = Cost.CrossEntropy,
        LearningRate = 0.5f,
        BatchSize = 25,
        L2 = 0.5f,
        Epochs = 4,
        Seed = 42,
    };

    [Fact]
    public void SameSeedGivesIdenticalHistoryAndWeights()
    {
        var (a, wa) = Run(Options, 3);
        var (b, wb) = Run(Options, 3);
        Assert.Equal(a.Select(r => (r.TestAccuracy, r.TrainLoss, r.TestLoss)), b.Select(r => (r.TestAccuracy, r.TrainLoss, r.TestLoss)));
        Assert.Equal(wa, wb);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentWeights()
    {
        var (_, wa) = Run(Options, 1);
        var (_, wb) = Run(Options with { Seed = 43 }, 1);
        Assert.NotEqual(wa, wb);
    }

    [Fact]
    public void ResumingFromACheckpointContinuesExactlyAsAnUninterruptedRun()
    {
        foreach (var optimizer in new[] { Optimizer.Sgd, Optimizer.Momentum, Optimizer.Adam })
        {
            var options = Options with { Optimizer = optimizer, LearningRate = optimizer == Optimizer.Adam ? 0.01f : 0.3f };
            var (straight, straightWeights) = Run(options, 3);

            var train = TestData.Synthetic(200, 5, 5, 3, seed: 1);
            var test = TestData.Synthetic(60, 5, 5, 3, seed: 2);
            TrainerCheckpoint checkpoint;
            using (var first = new Trainer(options, train, test, new CpuBackend(2)))
            {
                first.RunEpoch();
                checkpoint = first.CreateCheckpoint();
            }

            using var resumed = new Trainer(options, train, test, new CpuBackend(2), checkpoint);
            Assert.Equal(1, resumed.Epoch);
            var second = resumed.RunEpoch();
            var third = resumed.RunEpoch();

            Assert.Equal(straight[2].TrainLoss, second.TrainLoss);
            Assert.Equal(straight[3].TestAccuracy, third.TestAccuracy);
            Assert.Equal(3, third.Epoch);
            Assert.Equal(straightWeights, resumed.Snapshot().Parameters);
        }
    }

    [Fact]
    public void TrainingLearnsASeparableProblem()
    {
        var (history, _) = Run(Options with { LearningRate = 2f }, 8);
        Assert.InRange(history[0].TestAccuracy, 0.0, 0.6);
        Assert.True(history[^1].TestAccuracy > 0.9, $"accuracy after 8 epochs: {history[^1].TestAccuracy:P1}");
        Assert.True(history[^1].TrainLoss < history[1].TrainLoss);
    }

    [Fact]
    public void CancellationStopsAnEpochBetweenBatches()
    {
        var train = TestData.Synthetic(200, 5, 5, 3, seed: 1);
        using var trainer = new Trainer(Options, train, train, new CpuBackend(1));
        using var cancel = new CancellationTokenSource();
        var batches = 0;
        Assert.Throws<OperationCanceledException>(() => trainer.RunEpoch((done, _) =>
        {
            batches = done;
            if (done == 2)
            {
                cancel.Cancel();
            }
        }, cancel.Token));
        Assert.Equal(2, batches);
        Assert.Equal(0, trainer.Epoch);
    }

    [Fact]
    public void InvalidOptionsAreRejectedWithEachProblemNamed()
    {
        var errors = (Options with { BatchSize = 0, LearningRate = -1f, L2 = float.NaN, Hidden = [0], Backend = "tpu" }).Validate();
        Assert.Equal(["backend", "batchSize", "hidden", "l2", "learningRate"], errors.Keys.Order());
    }

    private static (List<EpochResult> History, float[] Weights) Run(TrainingOptions options, int epochs)
    {
        var train = TestData.Synthetic(200, 5, 5, 3, seed: 1);
        var test = TestData.Synthetic(60, 5, 5, 3, seed: 2);
        using var trainer = new Trainer(options, train, test, new CpuBackend(2));
        var history = new List<EpochResult> { trainer.Evaluate() };
        for (var e = 0; e < epochs; e++)
        {
            history.Add(trainer.RunEpoch());
        }

        return (history, trainer.Snapshot().Parameters);
    }
}
