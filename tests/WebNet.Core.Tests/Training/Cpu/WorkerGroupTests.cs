using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Training.Cpu;

public sealed class WorkerGroupTests
{
    [Fact]
    public void EveryPartHasFinishedWhenRunReturnsAcrossManyPassesSomeSlow()
    {
        using var group = new WorkerGroup(3);
        var finished = 0;
        for (var pass = 0; pass < 5_000; pass++)
        {
            Volatile.Write(ref finished, 0);
            var slow = pass % 250 == 0; // a late worker: the caller stops spinning and sleeps on the event
            group.Run(t =>
            {
                if (slow && t == 2)
                {
                    Thread.Sleep(2);
                }

                Interlocked.Increment(ref finished);
            });
            Assert.Equal(3, Volatile.Read(ref finished));
        }
    }

    [Fact]
    public void FailureInAWorkerReachesTheCallerAndTheGroupKeepsWorking()
    {
        using var group = new WorkerGroup(2);
        var error = Assert.Throws<InvalidOperationException>(() => group.Run(t =>
        {
            if (t == 1)
            {
                throw new InvalidOperationException("worker 1");
            }
        }));
        Assert.Equal("worker 1", error.Message);

        var ran = new bool[2];
        group.Run(t => ran[t] = true);
        Assert.Equal([true, true], ran);
    }
}
