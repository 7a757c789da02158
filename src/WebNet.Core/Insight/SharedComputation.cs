namespace WebNet.Core.Insight;

/// <summary>
/// One computation for every caller that wants its result: the first caller starts it, callers meanwhile wait for the
/// same task, and the result is kept. A caller that gives up (its token cancelled) stops waiting at once; when the last
/// waiting caller has given up before the result is there, the computation's own token is cancelled, so the work
/// stops, and the next caller starts it afresh. A failure is not kept either: the next caller tries again.
/// </summary>
public sealed class SharedComputation<T>(Func<CancellationToken, Task<T>> compute)
    where T : class
{
    private readonly Lock _lock = new();
    private T? _result;
    private Attempt? _attempt;
    private int _starts;

    /// <summary>How many times the computation was started: 1 once it has a result, unless every caller gave up earlier.</summary>
    public int Starts => Volatile.Read(ref _starts);

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _result) is { } done)
        {
            return done;
        }

        cancellationToken.ThrowIfCancellationRequested();
        Attempt attempt;
        lock (_lock)
        {
            if (_result is { } finished)
            {
                return finished;
            }

            if (_attempt is null)
            {
                _starts++;
                var started = new Attempt();
                started.Task = Task.Run(() => RunAsync(started));
                _attempt = started;
            }

            attempt = _attempt;
            attempt.Waiters++;
        }

        try
        {
            return await attempt.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Leave(attempt);
        }
    }

    private async Task<T> RunAsync(Attempt attempt)
    {
        try
        {
            var value = await compute(attempt.Cancellation.Token).ConfigureAwait(false);
            lock (_lock)
            {
                _result = value;
            }

            return value;
        }
        finally
        {
            lock (_lock)
            {
                if (ReferenceEquals(_attempt, attempt))
                {
                    _attempt = null;
                }
            }

            attempt.Cancellation.Dispose();
        }
    }

    private void Leave(Attempt attempt)
    {
        lock (_lock)
        {
            attempt.Waiters--;
            if (attempt.Waiters > 0 || attempt.Task.IsCompleted || !ReferenceEquals(_attempt, attempt))
            {
                return;
            }

            // Nobody is left to read the result: stop the work, and let the next caller start again.
            _attempt = null;
            attempt.Cancellation.Cancel();
        }
    }

    private sealed class Attempt
    {
        public CancellationTokenSource Cancellation { get; } = new();

        public Task<T> Task { get; set; } = null!;

        public int Waiters { get; set; }
    }
}
