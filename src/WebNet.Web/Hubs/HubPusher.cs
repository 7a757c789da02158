using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using WebNet.Web.Training;

namespace WebNet.Web.Hubs;

/// <summary>
/// Sends hub events from its own task, in the order they were posted. Sending an epoch means serialising its weights
/// once and copying them into every connection's pipe; done by the caller, that was the training thread's time (a
/// hundred dashboards, a hundred copies). Posting is a queue write, so training never waits for the page. A hosted
/// service: the host starts the pump and, on shutdown, closes the queue and waits for what was already posted.
/// </summary>
public sealed class HubPusher : BackgroundService
{
    // A push that waited this long to be sent was short of CPU (a frame of a 20 fps page).
    private static readonly TimeSpan StarvedAfter = TimeSpan.FromMilliseconds(50);

    private readonly Channel<(Func<ITrainingClient, Task> Push, long Posted)> _queue =
        Channel.CreateUnbounded<(Func<ITrainingClient, Task>, long)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IHubContext<TrainingHub, ITrainingClient> _hub;
    private readonly ILogger<HubPusher> _logger;
    private readonly IdleCoreBudget _cores;
    private int _pending;

    public HubPusher(IHubContext<TrainingHub, ITrainingClient> hub, ILogger<HubPusher> logger, IdleCoreBudget cores)
    {
        _hub = hub;
        _logger = logger;
        _cores = cores;
    }

    /// <summary>Queues a push to every connected client; each connection receives the pushes in posting order.</summary>
    public void Post(Func<ITrainingClient, Task> push)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite((push, Stopwatch.GetTimestamp())))
        {
            Interlocked.Decrement(ref _pending); // shutting down: nobody is listening any more
        }
    }

    /// <summary>Queues a push that is only worth sending when nothing else is waiting (progress within an epoch); false when skipped.</summary>
    public bool PostIfIdle(Func<ITrainingClient, Task> push)
    {
        if (Volatile.Read(ref _pending) != 0)
        {
            return false;
        }

        Post(push);
        return true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Pushes already queued still go out (the pump ends when the queue is empty); the host's token bounds the wait.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first: the host starts the services one after another, and the pump should not run on its start path.
        await Task.Yield();
        await foreach (var (push, posted) in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            Interlocked.Decrement(ref _pending);

            // Pushes count as requests only when they are starved: the pump runs at normal priority, so training at
            // the idle priority never holds it up, but a busy machine or training at normal priority can.
            if (Stopwatch.GetElapsedTime(posted) > StarvedAfter)
            {
                _cores.Touch();
            }

            try
            {
                // Not awaited: the synchronous part (serialise once, write to each connection's pipe) runs here and
                // fixes the order; a stalled client's flush then waits on its own (SignalR drops it after its timeout)
                // instead of holding every other dashboard back.
                var sent = push(_hub.Clients.All);
                _ = sent.ContinueWith(t => TrainingLog.PushFailed(_logger, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            catch (Exception ex)
            {
                TrainingLog.PushFailed(_logger, ex);
            }
        }
    }
}
