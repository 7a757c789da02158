using WebNet.Core.Training;
using WebNet.Web.Options;

namespace WebNet.Web.Training;

/// <summary>
/// The CPU backend's thread budget in the app: one thread fewer than the machine has cores while people are using it
/// (that core answers classify, the hub and the page), every core once no request has come for a while. A request
/// takes the core back as it arrives: the backend asks the budget before each pass and before each chunk of rows, so
/// the extra worker stops within a chunk. Training gives the same numbers on any number of threads, so lending the
/// core changes only the speed. Where the machine's counters can be read (Linux), the core is lent only while other
/// processes left some of it (a quarter of a core by default) idle beside training's own threads over the last
/// reading (a few a second): a lent worker runs at the lowest priority, so on a busy machine it would only be held up.
/// </summary>
public sealed class IdleCoreBudget : IThreadBudget
{
    private readonly TimeProvider _time;
    private readonly long _quietTicks;
    private readonly IMachineCpu? _machine;
    private readonly double _minFreeCores;
    private readonly long _readEveryTicks;
    private long _lastActivity;

    // The machine's last reading and when it was taken (only the caller that wins _lastRead touches _previous), and
    // whether it left a core free.
    private long _lastRead;
    private CpuTicks _previous;
    private volatile bool _machineIdle;

    /// <param name="machine">The machine's CPU counters; null: lend whenever no request has come for the quiet time.</param>
    /// <param name="minFreeCores">Cores other processes must have left idle beside the busy threads to lend one.</param>
    public IdleCoreBudget(int busyThreads, int idleThreads, TimeSpan quiet, TimeProvider time, IMachineCpu? machine = null, double minFreeCores = 0.25)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(busyThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(idleThreads, busyThreads);
        ArgumentNullException.ThrowIfNull(time);
        BusyThreads = busyThreads;
        IdleThreads = idleThreads;
        _time = time;
        _quietTicks = (long)(quiet.TotalSeconds * time.TimestampFrequency);
        _machine = minFreeCores > 0 ? machine : null;
        _minFreeCores = minFreeCores;
        _readEveryTicks = (long)(ReadEvery.TotalSeconds * time.TimestampFrequency);
        _lastRead = time.GetTimestamp() - _readEveryTicks;

        // The app has just started: it counts as activity, so the page's first loads keep their core.
        _lastActivity = time.GetTimestamp();
    }

    /// <summary>Threads while requests come.</summary>
    public int BusyThreads { get; }

    /// <summary>Threads once none has come for the quiet time.</summary>
    public int IdleThreads { get; }

    /// <summary>Readings of the machine between which it is asked again: four a second.</summary>
    public static TimeSpan ReadEvery => TimeSpan.FromMilliseconds(250);

    public int Threads
    {
        get
        {
            var now = _time.GetTimestamp();
            if (now - Volatile.Read(ref _lastActivity) < _quietTicks || IdleThreads == BusyThreads)
            {
                return BusyThreads;
            }

            if (_machine is null)
            {
                return IdleThreads;
            }

            var last = Volatile.Read(ref _lastRead);
            if (now - last >= _readEveryTicks && Interlocked.CompareExchange(ref _lastRead, now, last) == last)
            {
                ReadMachine();
            }

            return _machineIdle ? IdleThreads : BusyThreads;
        }
    }

    // Other processes' share: the machine's busy time less this process's. What they leave beside the busy threads
    // stays free when a core is lent (the lent worker's own time counts as this process's).
    private void ReadMachine()
    {
        if (!_machine!.TryRead(out var now))
        {
            _machineIdle = true;
            return;
        }

        var (total, idle, self) = (now.Total - _previous.Total, now.Idle - _previous.Idle, now.Self - _previous.Self);
        var first = _previous.Total == 0;
        _previous = now;
        if (first || total <= 0)
        {
            return;
        }

        var others = Math.Max(0, total - idle - self) * (double)_machine.Cores / total;
        _machineIdle = _machine.Cores - others - BusyThreads >= _minFreeCores;
    }

    /// <summary>A request arrived or ended, or a push fell behind: the lent core goes back now.</summary>
    public void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    /// <summary>The budget the options ask for on a machine of this many cores: fixed (busy and idle alike) when CpuThreads is set or lending is off.</summary>
    public static IdleCoreBudget For(TrainingHostOptions host, int cores, TimeProvider time, IMachineCpu? machine = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var busy = host.CpuThreads > 0 ? host.CpuThreads : Math.Max(1, cores - 1);
        var idle = host.CpuThreads > 0 || !host.UseIdleCore ? busy : Math.Max(busy, cores);
        return new IdleCoreBudget(busy, idle, TimeSpan.FromMilliseconds(host.IdleCoreAfterMs), time, machine, host.IdleCoreMinFreeCores);
    }
}
