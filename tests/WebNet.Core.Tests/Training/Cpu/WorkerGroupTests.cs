using System.Collections.Concurrent;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Training.Cpu;

public sealed class WorkerGroupTests
{
    [Fact]
    public void EveryPartThatEnteredHasFinishedWhenRunReturnsAcrossManyPassesSomeSlow()
    {
        using var group = new WorkerGroup(3);
        var entered = 0;
        var finished = 0;
        for (var pass = 0; pass < 5_000; pass++)
        {
            Volatile.Write(ref entered, 0);
            Volatile.Write(ref finished, 0);
            var slow = pass % 250 == 0; // a late worker: the caller stops spinning and sleeps on the event
            group.Run(t =>
            {
                Interlocked.Increment(ref entered);
                if (slow && t != 0)
                {
                    Thread.Sleep(2);
                }

                Interlocked.Increment(ref finished);
            });
            Assert.Equal(Volatile.Read(ref entered), Volatile.Read(ref finished));
        }
    }

    [Fact]
    public void ClaimedItemsAreEachTakenOnceAndAllOfThemWhicheverWorkersEnter()
    {
        using var group = new WorkerGroup(3);
        for (var pass = 0; pass < 2_000; pass++)
        {
            var items = pass % 40;
            var taken = new int[items];
            group.Run(t =>
            {
                for (var k = group.Claim(t, items); k >= 0; k = group.Claim(t, items))
                {
                    Interlocked.Increment(ref taken[k]);
                }
            });
            Assert.All(taken, n => Assert.Equal(1, n));
        }
    }

    [Fact]
    public void AWorkerThatNeverGetsToRunLeavesAllItsItemsToWorkerZeroAndHoldsUpNoPass()
    {
        using var held = new ManualResetEventSlim(false);
        using var group = new WorkerGroup(2, started: held.Wait); // worker 1 never gets past its start while held
        try
        {
            for (var pass = 0; pass < 100; pass++)
            {
                var byWorker = new ConcurrentBag<(int Worker, int Item)>();
                group.Run(t =>
                {
                    for (var k = group.Claim(t, 8); k >= 0; k = group.Claim(t, 8))
                    {
                        byWorker.Add((t, k));
                    }
                });
                Assert.Equal(Enumerable.Range(0, 8), byWorker.Select(x => x.Item).Order());
                Assert.All(byWorker, x => Assert.Equal(0, x.Worker));
            }
        }
        finally
        {
            held.Set();
        }

        // Released, worker 1 takes its own items (1, 3, 5, 7) first once it is inside.
        var mine = new ConcurrentBag<int>();
        group.Run(Gathering(2, t =>
        {
            if (t == 1)
            {
                mine.Add(group.Claim(t, 8));
                return;
            }

            Assert.True(SpinWait.SpinUntil(() => !mine.IsEmpty, TimeSpan.FromSeconds(30)));
            while (group.Claim(t, 8) >= 0)
            {
            }
        }));
        Assert.Equal([1], mine);
    }

    [Fact]
    public void FailureInAWorkerReachesTheCallerAndTheGroupKeepsWorking()
    {
        using var group = new WorkerGroup(2);
        var error = Assert.Throws<InvalidOperationException>(() => group.Run(Gathering(2, t =>
        {
            if (t == 1)
            {
                throw new InvalidOperationException("worker 1");
            }
        })));
        Assert.Equal("worker 1", error.Message);

        var ran = new bool[2];
        group.Run(Gathering(2, t => ran[t] = true));
        Assert.Equal([true, true], ran);
    }

    /// <summary>
    /// body(t), with worker 0 waiting first until workers workers are inside the pass, so that each of them takes
    /// part (a worker that has not entered when worker 0's part ends leaves the pass to it).
    /// </summary>
    internal static Action<int> Gathering(int workers, Action<int> body)
    {
        var inside = 0;
        return t =>
        {
            Interlocked.Increment(ref inside);
            if (t == 0)
            {
                Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref inside) == workers, TimeSpan.FromSeconds(30)), $"{Volatile.Read(ref inside)} of {workers} workers entered");
            }

            body(t);
        };
    }
}
