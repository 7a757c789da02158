using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WebNet.Web.Contracts;
using WebNet.Web.Training;

namespace WebNet.Web.Cluster;

/// <summary>
/// The replicas' messages over Redis pub/sub. Control: a follower publishes a command with a correlation id on the
/// control channel, which only the lease holder subscribes to, and waits for the answer on its own reply channel; no
/// subscriber, Redis down or no answer in time is a 503 for the caller. Changes: the trainer announces every stored
/// epoch and state change, and followers re-read the shared run at once instead of at their next tick.
/// </summary>
public sealed class ControlRelay : IHostedService
{
    private const string ControlChannel = "webnet:control";
    private const string ChangedChannel = "webnet:changed";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnectionMultiplexer _redis;
    private readonly ClusterOptions _options;
    private readonly ILogger<ControlRelay> _logger;
    private readonly string _replyChannel = $"webnet:reply:{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<CommandResult>> _pending = new();
    private readonly ConcurrentDictionary<string, Action<RedisChannel, RedisValue>> _failed = new();
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public ControlRelay(IConnectionMultiplexer redis, IOptions<ClusterOptions> options, ILogger<ControlRelay> logger)
    {
        _redis = redis;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Signalled when the trainer announced a change (at most one pending signal).</summary>
    public ChannelReader<bool> Changes => _changes.Reader;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The multiplexer renews subscriptions after every reconnect; one that fails now (Redis down) is retried later.
        var subscriber = _redis.GetSubscriber();
        await SubscribeAsync(subscriber, _replyChannel, OnReply);
        await SubscribeAsync(subscriber, ChangedChannel, (_, _) => _changes.Writer.TryWrite(true));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends a command to the trainer and returns its answer, or Unreachable with the reason.</summary>
    public async Task<CommandResult> SendAsync(ControlCommand command, string? options, RunStateDto current, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var answer = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            var request = JsonSerializer.Serialize(new ControlRequest(id, _replyChannel, command, options), Json);
            long receivers;
            try
            {
                receivers = await _redis.GetSubscriber().PublishAsync(RedisChannel.Literal(ControlChannel), request);
            }
            catch (RedisException ex)
            {
                return CommandResult.Unreachable(current, $"No trainer reachable: Redis does not answer ({ex.Message}). Try again when it is back.");
            }

            if (receivers == 0)
            {
                return CommandResult.Unreachable(current, "No trainer reachable: no replica holds the trainer lease right now (one takes it within seconds while PostgreSQL answers). Try again.");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.CommandTimeout);
            try
            {
                return await answer.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return CommandResult.Unreachable(current, $"No trainer reachable: the trainer did not answer within {_options.CommandTimeout.TotalSeconds:0.#} s. Read GET /api/training to see whether the command took effect.");
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>The lease holder serves forwarded commands from now on.</summary>
    public Task ServeAsync(Func<ControlCommand, string?, CancellationToken, Task<CommandResult>> execute, CancellationToken stopping) =>
        SubscribeAsync(_redis.GetSubscriber(), ControlChannel, (_, message) => AnswerInBackground(execute, message, stopping));

    /// <summary>
    /// Subscriptions made while Redis was away (a replica that started during an outage) are made again once it is
    /// back; the multiplexer itself renews only those it once made. Called on every follower tick.
    /// </summary>
    public async Task RetryFailedSubscriptionsAsync()
    {
        if (_failed.IsEmpty || !_redis.IsConnected)
        {
            return;
        }

        foreach (var (channel, handler) in _failed)
        {
            await SubscribeAsync(_redis.GetSubscriber(), channel, handler);
        }
    }

    /// <summary>The lease is gone: forwarded commands go to the next holder.</summary>
    public async Task StopServingAsync()
    {
        _failed.TryRemove(ControlChannel, out _);
        try
        {
            await _redis.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal(ControlChannel));
        }
        catch (RedisException ex)
        {
            ClusterLog.RedisFailed(_logger, ControlChannel, ex.Message);
        }
    }

    /// <summary>Tells the followers the shared run changed (fire and forget: they also re-read it on their own tick).</summary>
    public void Announce()
    {
        if (!_redis.IsConnected)
        {
            return; // an outage: followers re-read on their tick, and each epoch need not log it again
        }

        try
        {
            _redis.GetSubscriber().Publish(RedisChannel.Literal(ChangedChannel), "changed", CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            ClusterLog.RedisFailed(_logger, ChangedChannel, ex.Message);
        }
    }

    // Handlers return nothing: the answer is sent from its own task, and any failure is logged there.
    private void AnswerInBackground(Func<ControlCommand, string?, CancellationToken, Task<CommandResult>> execute, RedisValue message, CancellationToken stopping) =>
        _ = AnswerAsync(execute, message, stopping);

    private async Task AnswerAsync(Func<ControlCommand, string?, CancellationToken, Task<CommandResult>> execute, RedisValue message, CancellationToken stopping)
    {
        try
        {
            var request = JsonSerializer.Deserialize<ControlRequest>(message.ToString(), Json) ?? throw new JsonException("The message is empty.");
            var result = await execute(request.Command, request.Options, stopping);
            await _redis.GetSubscriber().PublishAsync(RedisChannel.Literal(request.ReplyTo), JsonSerializer.Serialize(new ControlReply(request.Id, result), Json));
        }
        catch (Exception ex) when (ex is JsonException or RedisException or OperationCanceledException)
        {
            ClusterLog.BadControlMessage(_logger, ex.Message);
        }
    }

    private void OnReply(RedisChannel channel, RedisValue message)
    {
        try
        {
            var reply = JsonSerializer.Deserialize<ControlReply>(message.ToString(), Json);
            if (reply is not null && _pending.TryGetValue(reply.Id, out var answer))
            {
                answer.TrySetResult(reply.Result);
            }
        }
        catch (JsonException ex)
        {
            ClusterLog.BadControlMessage(_logger, ex.Message);
        }
    }

    private async Task SubscribeAsync(ISubscriber subscriber, string channel, Action<RedisChannel, RedisValue> handler)
    {
        try
        {
            await subscriber.SubscribeAsync(RedisChannel.Literal(channel), handler);
            _failed.TryRemove(channel, out _);
        }
        catch (RedisException ex)
        {
            _failed[channel] = handler;
            ClusterLog.RedisFailed(_logger, channel, ex.Message);
        }
    }

    private sealed record ControlRequest(Guid Id, string ReplyTo, ControlCommand Command, string? Options);

    private sealed record ControlReply(Guid Id, CommandResult Result);
}
