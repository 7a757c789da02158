using System.Collections.Concurrent;
using WebNet.Core.Augmentation;
using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Training.Cpu;

/// <summary>A CPU backend whose thread budget changes while it trains: who computes, and that the numbers stay the same.</summary>
public sealed class ThreadBudgetTests
{
    [Fact]
    public void EachPassRunsExactlyTheWorkersTheBudgetAllowsWhenItChangesEveryPass()
    {
        var budget = new SettableBudget(3);
        using var group = new WorkerGroup(3, budget: budget);
        for (var pass = 0; pass < 3_000; pass++)
        {
            budget.Value = 1 + (pass * 7 % 5); // 1..5: above the group's three means all three
            var ran = new ConcurrentBag<int>();
            group.Run(WorkerGroupTests.Gathering(Math.Min(3, budget.Value), ran.Add));
            Assert.Equal(Enumerable.Range(0, Math.Min(3, budget.Value)), ran.Order());
            Assert.Equal(Math.Min(3, budget.Value), group.Active);
        }
    }

    [Fact]
    public void ABudgetThatDropsToOneWithinABatchLeavesTheSecondWorkerNoMoreThanTheChunkItHeld()
    {
        var (shape, options, data, test) = Setup(batch: 320); // ten chunks of 32 rows a batch
        var budget = new AskedBudget(first: 2, then: 1);
        using var backend = new CpuBackend(2, sparseInput: true, budget: budget);
        backend.Initialize(shape, options, data, test);
        backend.SetParameters(TestData.RandomParameters(shape, seed: 5).Select(v => (float)v).ToArray());

        // The pass starts with two workers; from then on every look at the budget says one.
        budget.Arm();
        backend.TrainEpoch([.. Enumerable.Range(0, 320)], null, CancellationToken.None);

        var chunks = backend.ChunksByWorker;
        Assert.Equal(10, chunks.Sum());
        Assert.True(chunks[1] <= 1, $"worker 1 computed {chunks[1]} chunks after the budget dropped");
    }

    [Fact]
    public void ABudgetThatRisesAndFallsBetweenBatchesGivesTheSameNumbersAsOneThread()
    {
        var (_, options, data, test) = Setup(batch: 50);

        float[] Run(CpuBackend backend, SettableBudget? budget)
        {
            using var trainer = new Trainer(options, data, test, backend);
            for (var epoch = 0; epoch < 2; epoch++)
            {
                trainer.RunEpoch((done, _) =>
                {
                    if (budget is not null)
                    {
                        budget.Value = 1 + (done % 3);
                    }
                });
            }

            return trainer.Snapshot().Parameters;
        }

        var one = Run(new CpuBackend(1, sparseInput: true), null);
        var budget = new SettableBudget(1);
        var lent = Run(new CpuBackend(3, sparseInput: true, budget: budget), budget);

        Assert.Equal(one, lent);
    }

    [Fact]
    public void AWorkerLeftOutOfAPassWaitsAsleepAndComesBackWhenTheBudgetRises()
    {
        var budget = new SettableBudget(1);
        using var group = new WorkerGroup(2, budget: budget);
        var ran = new ConcurrentBag<int>();
        for (var pass = 0; pass < 50; pass++)
        {
            group.Run(ran.Add);
        }

        Assert.DoesNotContain(1, ran);
        budget.Value = 2;
        group.Run(WorkerGroupTests.Gathering(2, ran.Add));
        Assert.Contains(1, ran);
    }

    [Fact]
    public void ALentWorkerThatNeverGetsTheCpuLeavesEveryPassToWorkerZeroAndTheSameNumbers()
    {
        var (_, options, data, test) = Setup(batch: 50);
        options = options with { Augmentation = new AugmentationOptions { Rotation = 10, Shift = 2 } };

        // Worker 1 is allowed every pass, but its thread is held before it can enter one: without claiming, worker 0
        // would wait for it at the end of the first pass (the sparse rows' set-up) for ever.
        using var held = new ManualResetEventSlim(false);
        (float[] Parameters, long WorkerOneChunks) Run(CpuBackend backend)
        {
            var trainer = new Trainer(options, data, test, backend);
            try
            {
                for (var epoch = 0; epoch < 2; epoch++)
                {
                    trainer.RunEpoch();
                }

                return (trainer.Snapshot().Parameters, backend.ChunksByWorker[^1]);
            }
            finally
            {
                held.Set(); // a held worker cannot be joined
                trainer.Dispose();
            }
        }

        var one = Run(new CpuBackend(1, sparseInput: true));
        held.Reset();
        var lent = Run(new CpuBackend(2, sparseInput: true, workerStarted: held.Wait, budget: new FixedBudget(2)));

        Assert.Equal(one.Parameters, lent.Parameters);
        Assert.Equal(0, lent.WorkerOneChunks);
    }

    private static (NetworkShape Shape, TrainingOptions Options, Dataset Train, Dataset Test) Setup(int batch)
    {
        var data = TestData.Synthetic(batch == 320 ? 320 : 400, 6, 6, 4, seed: 21, density: 0.2);
        var test = TestData.Synthetic(60, 6, 6, 4, seed: 22, density: 0.2);
        var options = new TrainingOptions { Hidden = [24], LearningRate = 0.1f, L2 = 1f, BatchSize = batch, Epochs = 2, Seed = 6 };
        return (options.CreateShape(data.InputSize, data.Classes), options, data, test);
    }

    private sealed class FixedBudget(int value) : IThreadBudget
    {
        public int Threads => value;
    }

    private sealed class SettableBudget(int value) : IThreadBudget
    {
        public volatile int Value = value;

        public int Threads => Value;
    }

    /// <summary>Says first until armed, then first once more (the pass's start), then always then.</summary>
    private sealed class AskedBudget(int first, int then) : IThreadBudget
    {
        private int _armed;

        public int Threads => Volatile.Read(ref _armed) == 0 || Interlocked.Exchange(ref _armed, 2) == 1 ? first : then;

        public void Arm() => Volatile.Write(ref _armed, 1);
    }
}
