using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using WebNet.Web.Contracts;
using WebNet.Web.Hubs;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Cluster;

/// <summary>A SignalR client of one replica's hub that records every EpochCompleted it receives, in arrival order.</summary>
internal sealed class EpochRecorder : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<EpochDto> _epochs = new();
    private readonly ConcurrentDictionary<(long RunId, int Epoch), long> _arrivals = new();

    private EpochRecorder(HubConnection connection)
    {
        _connection = connection;
        _connection.On<EpochDto>(nameof(ITrainingClient.EpochCompleted), epoch =>
        {
            _arrivals.TryAdd((epoch.RunId, epoch.Epoch), Stopwatch.GetTimestamp());
            _epochs.Enqueue(epoch);
        });
    }

    public EpochDto[] Epochs => [.. _epochs];

    /// <summary>When the epoch's EpochCompleted arrived (Stopwatch timestamp), moments after the trainer stored it.</summary>
    public long ArrivalOf(long runId, int epoch) => _arrivals[(runId, epoch)];

    public static async Task<EpochRecorder> ConnectAsync(Uri replica)
    {
        var recorder = new EpochRecorder(new HubConnectionBuilder().WithUrl(new Uri(replica, HubExtensions.Path)).Build());
        await recorder._connection.StartAsync().WithTimeout("the hub connection");
        return recorder;
    }

    /// <summary>Waits until at least count epochs of the run arrived and returns them.</summary>
    public Task<EpochDto[]> WaitForAsync(long runId, int count, TimeSpan? timeout = null) => Eventually.WaitAsync(
        () => Task.FromResult(Epochs.Where(e => e.RunId == runId).ToArray()),
        epochs => epochs.Length >= count,
        $"{count} epochs of run {runId} on the hub",
        timeout);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
