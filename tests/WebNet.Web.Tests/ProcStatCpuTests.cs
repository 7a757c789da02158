using WebNet.Web.Training;

namespace WebNet.Web.Tests;

/// <summary>Linux's CPU counters as the idle-core budget reads them.</summary>
public sealed class ProcStatCpuTests
{
    [Fact]
    public void OnLinuxTheCountersGrowAndThisProcesssTimeGrowsWithItsWork()
    {
        using var cpu = new ProcStatCpu();
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(cpu.TryRead(out _));
            return;
        }

        Assert.True(cpu.TryRead(out var before));
        Assert.Equal(File.ReadLines("/proc/stat").Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3])), cpu.Cores);
        Assert.True(before.Total > 0 && before.Idle > 0 && before.Self >= 0 && before.Idle < before.Total);

        // Work on this thread until this process's ticks move: the reading follows the process, not the clock. The
        // machine's counters too: they are summed from ticks, while this process's time is its precise run time scaled
        // to ticks, so either can move first (in about 1 of 125 tries, Self moved with Total unchanged).
        CpuTicks after;
        var sink = 0.0;
        do
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                sink += Math.Sqrt(i);
            }

            Assert.True(cpu.TryRead(out after));
        }
        while (after.Self == before.Self || after.Total == before.Total);

        Assert.True(sink > 0);
        Assert.True(after.Self > before.Self);
        Assert.True(after.Total > before.Total && after.Idle >= before.Idle);
    }
}
