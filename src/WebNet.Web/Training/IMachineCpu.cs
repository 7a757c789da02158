namespace WebNet.Web.Training;

/// <summary>The machine's CPU time so far, for how much of it other processes left idle between two readings.</summary>
public interface IMachineCpu
{
    /// <summary>Cores the machine's counters cover.</summary>
    int Cores { get; }

    /// <summary>The counters now; false where this system has none (then lending depends on requests only).</summary>
    bool TryRead(out CpuTicks ticks);
}

/// <summary>CPU time in one unit: all cores' time, their idle time (iowait included), and this process's.</summary>
public readonly record struct CpuTicks(long Total, long Idle, long Self);
