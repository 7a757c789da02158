using System.Collections.Concurrent;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;
using WebNet.Web.Training;

namespace WebNet.Web.Tests;

public sealed class TrainingPriorityTests
{
    private const int SchedIdle = 5;

    [Theory]
    [InlineData(TrainingPriorityLevel.Low)]
    [InlineData(TrainingPriorityLevel.Idle)]
    public void LoweredThreadAndTheThreadsItStartsKeepTheLevelWhileOthersKeepTheirs(TrainingPriorityLevel level)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // nice values and SCHED_IDLE are Linux's; elsewhere the call maps to Thread.Priority
        }

        var before = TrainingPriority.CurrentThread()!.Value;
        (int Nice, int Policy)? lowered = null, inherited = null;
        var ok = false;
        var thread = new Thread(() =>
        {
            ok = TrainingPriority.TryApplyToCurrentThread(level);
            lowered = TrainingPriority.CurrentThread();
            var child = new Thread(() => inherited = TrainingPriority.CurrentThread());
            child.Start();
            child.Join();
        });
        thread.Start();
        thread.Join();

        Assert.True(ok);
        if (level == TrainingPriorityLevel.Idle)
        {
            // .NET starts threads with an explicit policy, so SCHED_IDLE is not inherited (the backend's hook applies it).
            Assert.Equal(SchedIdle, lowered!.Value.Policy);
        }
        else
        {
            Assert.Equal(Math.Max(10, before.Nice), lowered!.Value.Nice);
            Assert.Equal(lowered, inherited);
        }

        Assert.Equal(before, TrainingPriority.CurrentThread());
    }

    [Fact]
    public void CpuBackendWorkersRunAtTheIdleLevelThroughTheHook()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var seen = new ConcurrentBag<int>();
        var (train, test) = new SyntheticDatasetProvider(60, 20).Load();
        var options = new TrainingOptions { Hidden = [8], BatchSize = 20, Epochs = 1 };
        using var backend = new CpuBackend(3, workerStarted: () =>
        {
            TrainingPriority.TryApplyToCurrentThread(TrainingPriorityLevel.Idle);
            seen.Add(TrainingPriority.CurrentThread()!.Value.Policy);
        });
        backend.Initialize(options.CreateShape(train.InputSize, 10), options, train, test);
        backend.Evaluate();

        // A worker thread that has not entered a pass by the time worker 0 finishes stays out of it (WorkerGroup), so
        // the pass does not prove both have started: wait for their hooks, then check the level each set.
        Assert.True(SpinWait.SpinUntil(() => seen.Count == 2, TimeSpan.FromSeconds(30)), $"{seen.Count} of 2 worker threads started");
        Assert.Equal([SchedIdle, SchedIdle], seen);
        Assert.NotEqual(SchedIdle, TrainingPriority.CurrentThread()!.Value.Policy);
    }
}
