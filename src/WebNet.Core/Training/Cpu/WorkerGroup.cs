using System.Runtime.ExceptionServices;

namespace WebNet.Core.Training.Cpu;

/// <summary>
/// The CPU backend's own threads: the caller is worker 0 and Threads - 1 dedicated threads wait for work. A batch
/// runs two short parallel passes (a few milliseconds each, hundreds a second), so the hand-over must be cheap and
/// must not queue behind other work: Parallel.For borrows thread-pool threads, which in the web app are busy
/// answering requests. Both sides spin for a fraction of a millisecond before they sleep: the gap between two passes
/// is microseconds, and waking a sleeping thread costs tens of them (more in a virtual machine).
/// </summary>
internal sealed class WorkerGroup : IDisposable
{
    private readonly Thread[] _workers;
    private readonly ManualResetEventSlim[] _go;
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 5000; // 0.2 ms
    private readonly ManualResetEventSlim _done = new(false, spinCount: 0);
    private Action<int>? _body;
    private int _remaining;
    private int _generation;
    private Exception? _error;
    private volatile bool _disposed;

    public WorkerGroup(int threads, Action? started = null)
    {
        Threads = Math.Max(1, threads);
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

    /// <summary>Runs body(0) .. body(Threads - 1) at once, body(0) on the calling thread; rethrows the first failure.</summary>
    public void Run(Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_workers.Length == 0)
        {
            body(0);
            return;
        }

        _body = body;
        _error = null;
        Volatile.Write(ref _remaining, _workers.Length);
        Interlocked.Increment(ref _generation);
        foreach (var go in _go)
        {
            go.Set();
        }

        try
        {
            body(0);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _error, ex, null);
        }

        // The count decides, not the event: the last worker of the previous pass may set _done after this pass
        // reset it (it decrements, the spinning caller moves on, then it sets), so a wake-up is only a hint.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _remaining) != 0)
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
        var seen = 0;
        while (true)
        {
            // Spin for the next generation, then sleep; a set left over from a round seen while spinning only
            // sends the loop round once more.
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (Volatile.Read(ref _generation) == seen && !_disposed)
            {
                if (System.Diagnostics.Stopwatch.GetTimestamp() - started > SpinTicks)
                {
                    go.Wait();
                    go.Reset();
                }
                else
                {
                    Thread.SpinWait(20);
                }
            }

            seen = Volatile.Read(ref _generation);
            if (_disposed)
            {
                return;
            }

            try
            {
                _body!(index);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _error, ex, null);
            }

            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _done.Set();
            }
        }
    }
}
