using WebNet.Web.Training;

namespace WebNet.Web.Tests;

public sealed class TrainingPriorityTests
{
    [Fact]
    public void LoweredThreadAndTheThreadsItStartsRunAtTheNiceValueWhileOthersKeepTheirs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // nice values are Linux's; elsewhere the call maps to Thread.Priority
        }

        var before = TrainingPriority.CurrentThreadNice();
        int? lowered = null, inherited = null;
        var ok = false;
        var thread = new Thread(() =>
        {
            ok = TrainingPriority.TryLowerCurrentThread(7);
            lowered = TrainingPriority.CurrentThreadNice();
            var child = new Thread(() => inherited = TrainingPriority.CurrentThreadNice());
            child.Start();
            child.Join();
        });
        thread.Start();
        thread.Join();

        Assert.True(ok);
        Assert.Equal(Math.Max(7, before!.Value), lowered);
        Assert.Equal(lowered, inherited);
        Assert.Equal(before, TrainingPriority.CurrentThreadNice());
    }
}
