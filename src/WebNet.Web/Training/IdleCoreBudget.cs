using WebNet.Core.Training;
using WebNet.Web.Options;

namespace WebNet.Web.Training;

/// <summary>
/// The CPU backend's thread budget in the app: one thread fewer than the machine has cores while people are using it
/// (that core answers classify, the hub and the page), every core once no request has come for a while. A request
/// takes the core back as it arrives: the backend asks the budget before each pass and before each chunk of rows, so
/// the extra worker stops within a chunk. Training gives the same numbers on any number of threads, so lending the
/// core changes only the speed.
/// </summary>
public sealed class IdleCoreBudget : IThreadBudget
{
    private readonly TimeProvider _time;
    private readonly long _quietTicks;
    private long _lastActivity;

    public IdleCoreBudget(int busyThreads, int idleThreads, TimeSpan quiet, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(busyThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(idleThreads, busyThreads);
        ArgumentNullException.ThrowIfNull(time);
        BusyThreads = busyThreads;
        IdleThreads = idleThreads;
        _time = time;
        _quietTicks = (long)(quiet.TotalSeconds * time.TimestampFrequency);

        // The app has just started: it counts as activity, so the page's first loads keep their core.
        _lastActivity = time.GetTimestamp();
    }

    /// <summary>Threads while requests come.</summary>
    public int BusyThreads { get; }

    /// <summary>Threads once none has come for the quiet time.</summary>
    public int IdleThreads { get; }

    public int Threads => _time.GetTimestamp() - Volatile.Read(ref _lastActivity) >= _quietTicks ? IdleThreads : BusyThreads;

    /// <summary>A request arrived or ended, or a push fell behind: the lent core goes back now.</summary>
    public void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    /// <summary>The budget the options ask for on a machine of this many cores: fixed (busy and idle alike) when CpuThreads is set or lending is off.</summary>
    public static IdleCoreBudget For(TrainingHostOptions host, int cores, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(host);
        var busy = host.CpuThreads > 0 ? host.CpuThreads : Math.Max(1, cores - 1);
        var idle = host.CpuThreads > 0 || !host.UseIdleCore ? busy : Math.Max(busy, cores);
        return new IdleCoreBudget(busy, idle, TimeSpan.FromMilliseconds(host.IdleCoreAfterMs), time);
    }
}
