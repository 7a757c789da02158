using System.Runtime.ExceptionServices;

namespace WebNet.Core.Training.Cpu;

/// <summary>
/// The CPU backend's own threads: the caller is worker 0 and Threads - 1 dedicated threads wait for work. A batch
/// runs two short parallel passes (a few milliseconds each, hundreds a second), so the hand-over must be cheap and
/// must not queue behind other work: Parallel.For borrows thread-pool threads, which in the web app are busy
/// answering requests. Both sides spin for a fraction of a millisecond before they sleep: the gap between two passes
/// is microseconds, and waking a sleeping thread costs tens of them (more in a virtual machine). With a budget, each
/// pass wakes only as many workers as the budget allows then; the others sleep until a pass needs them. A worker that
/// has not entered a pass by the time worker 0 has finished its own part does not enter it at all, and a pass's items
/// are claimed (Claim), not dealt: worker 0 takes whatever a late worker (descheduled, or lent and taken back) has not
/// begun, and waits only for an item a worker is already inside.
/// </summary>
internal sealed class WorkerGroup : IDisposable
{
    private readonly Thread[] _workers;
    private readonly ManualResetEventSlim[] _go;
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 5000; // 0.2 ms
    private readonly ManualResetEventSlim _done = new(false, spinCount: 0);
    private readonly IThreadBudget? _budget;
    private Action<int>? _body;

    // Who is inside the pass in flight: its number above the low 16 bits, Closed once worker 0 has finished its own
    // part (no worker enters after that), and the workers inside its body in the bits below Closed.
    private long _gate;
    private const long Closed = 1L << 15;
    private const long InsideMask = Closed - 1;

    // Each worker's next claim in its own list of items (t, t + Active, ...), one cache line apart.
    private readonly int[] _claims;
    private const int ClaimStride = 16;

    // The pass in flight, published in one write: its number above the low 16 bits, its worker count in them. A worker
    // that read a pass it is not part of must not take the next pass's worker count for it.
    private long _pass;
    private Exception? _error;
    private volatile bool _disposed;

    /// <param name="threads">Workers, the calling thread included (at most 32,767).</param>
    /// <param name="started">Runs first on each worker thread.</param>
    /// <param name="budget">How many of them may compute at a time; null: all of them.</param>
    public WorkerGroup(int threads, Action? started = null, IThreadBudget? budget = null)
    {
        Threads = Math.Clamp(threads, 1, (int)InsideMask);
        _budget = budget;
        _claims = new int[Threads * ClaimStride];
        _workers = new Thread[Threads - 1];
        _go = new ManualResetEventSlim[Threads - 1];
        for (var w = 0; w < _workers.Length; w++)
        {
            var index = w + 1;
            _go[w] = new ManualResetEventSlim(false, spinCount: 0);
            _workers[w] = new Thread(() =>
            {
                started?.Invoke();
                Work(index);
            })
            { IsBackground = true, Name = $"WebNet CPU worker {index}" };
            _workers[w].Start();
        }
    }

    public int Threads { get; }

    /// <summary>Workers taking part in the pass in flight (or the last one): body(t) runs for t below it.</summary>
    public int Active { get; private set; } = 1;

    /// <summary>The workers the budget allows now, 1..Threads.</summary>
    public int Allowed => _budget is null ? Threads : Math.Clamp(_budget.Threads, 1, Threads);

    /// <summary>Whether worker t should take more work in this pass: worker 0 always (it finishes what the others leave).</summary>
    public bool KeepsWorking(int t) => t == 0 || t < Allowed;

    /// <summary>
    /// The next of items 0..count-1 for worker t in this pass, or -1 when none is left: its own list first (t,
    /// t + Active, ...: a block of weights then stays in one core's cache from pass to pass), then what the other
    /// workers have not claimed. A worker the budget no longer allows claims nothing more.
    /// </summary>
    public int Claim(int t, int count)
    {
        if (!KeepsWorking(t))
        {
            return -1;
        }

        var active = Active;
        for (var i = 0; i < active; i++)
        {
            var w = (t + i) % active;
            ref var next = ref _claims[w * ClaimStride];
            if (w + ((long)Volatile.Read(ref next) * active) >= count)
            {
                continue;
            }

            var item = w + ((long)(Interlocked.Increment(ref next) - 1) * active);
            if (item < count)
            {
                return (int)item;
            }
        }

        return -1;
    }

    /// <summary>
    /// Runs body(t) for worker 0 on the calling thread and for each worker t below Active that enters before worker
    /// 0's part ends, so the body must Claim its work (or otherwise let worker 0 finish it); rethrows the first failure.
    /// </summary>
    public void Run(Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var active = Allowed;
        Active = active;
        for (var w = 0; w < active; w++)
        {
            _claims[w * ClaimStride] = 0;
        }

        if (active == 1)
        {
            body(0);
            return;
        }

        _body = body;
        _error = null;
        var number = (_pass >> 16) + 1;
        Volatile.Write(ref _gate, number << 16);
        Volatile.Write(ref _pass, (number << 16) | (long)active);
        for (var w = 0; w < active - 1; w++)
        {
            _go[w].Set();
        }

        try
        {
            body(0);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _error, ex, null);
        }

        // Worker 0's part is done, so nothing is left to claim: close the pass and wait only for the workers inside.
        // The count decides, not the event: the last worker of the previous pass may set _done after this pass
        // reset it (it leaves, the spinning caller moves on, then it sets), so a wake-up is only a hint.
        Interlocked.Or(ref _gate, Closed);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while ((Volatile.Read(ref _gate) & InsideMask) != 0)
        {
            if (System.Diagnostics.Stopwatch.GetTimestamp() - started > SpinTicks)
            {
                _done.Wait();
                _done.Reset();
            }
            else
            {
                Thread.SpinWait(20);
            }
        }

        _body = null;
        if (_error is { } error)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var go in _go)
        {
            go.Set();
        }

        foreach (var worker in _workers)
        {
            worker.Join();
        }

        foreach (var go in _go)
        {
            go.Dispose();
        }

        _done.Dispose();
    }

    private void Work(int index)
    {
        var go = _go[index - 1];
        var seen = 0L;
        while (true)
        {
            // Spin for the next pass that includes this worker, then sleep; a set left over from a pass seen while
            // spinning only sends the loop round once more. A pass without this worker sends it to sleep at once: it
            // gives its core back, and is woken by the first pass that needs it.
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (!_disposed)
            {
                var pass = Volatile.Read(ref _pass);
                if (pass >> 16 != seen)
                {
                    seen = pass >> 16;
                    if (index < (int)(pass & 0xFFFF))
                    {
                        break;
                    }

                    go.Wait();
                    go.Reset();
                    started = System.Diagnostics.Stopwatch.GetTimestamp();
                }
                else if (System.Diagnostics.Stopwatch.GetTimestamp() - started > SpinTicks)
                {
                    go.Wait();
                    go.Reset();
                }
                else
                {
                    Thread.SpinWait(20);
                }
            }

            if (_disposed)
            {
                return;
            }

            if (!Enter(seen))
            {
                continue;
            }

            try
            {
                _body!(index);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _error, ex, null);
            }

            var left = Interlocked.Decrement(ref _gate);
            if ((left & InsideMask) == 0 && (left & Closed) != 0)
            {
                _done.Set();
            }
        }
    }

    /// <summary>Counts this worker inside pass number, unless worker 0 has closed it (or moved on) already.</summary>
    private bool Enter(long number)
    {
        var gate = Volatile.Read(ref _gate);
        while (gate >> 16 == number && (gate & Closed) == 0)
        {
            var was = Interlocked.CompareExchange(ref _gate, gate + 1, gate);
            if (was == gate)
            {
                return true;
            }

            gate = was;
        }

        return false;
    }
}
