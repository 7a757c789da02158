using Npgsql;

namespace WebNet.Web.Cluster;

/// <summary>
/// The trainer lease: a PostgreSQL session-level advisory lock held on a connection of its own (not pooled, so closing
/// it really ends the session). The server releases the lock when that session ends, so a replica that crashes or
/// loses PostgreSQL gives the lease up by itself; another takes it on its next try.
/// </summary>
public sealed class TrainerLease(string connectionString, ILogger<TrainerLease> logger) : IAsyncDisposable
{
    /// <summary>The advisory lock's key: "WebNet" in ASCII, one lock per database.</summary>
    public const long Key = 0x5765624E6574;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _use = new(1, 1);
    private NpgsqlConnection? _connection;
    private volatile bool _held;
    private string? _lastFailure;

    public bool IsHeld => _held;

    /// <summary>One try: true when this replica now holds the lease. A server that does not answer is a false, logged once a change.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        await _use.WaitAsync(cancellationToken);
        try
        {
            if (_held)
            {
                return true;
            }

            var builder = new NpgsqlConnectionStringBuilder(connectionString)
            {
                Pooling = false,
                Timeout = (int)CommandTimeout.TotalSeconds,
                CommandTimeout = (int)CommandTimeout.TotalSeconds,
                KeepAlive = 1,
                ApplicationName = "webnet-trainer-lease",
            };
            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", Key);
                _lastFailure = null;
                if (await command.ExecuteScalarAsync(cancellationToken) is true)
                {
                    _connection = connection;
                    _held = true;
                    ClusterLog.LeaseAcquired(logger, connection.ProcessID);
                    return true;
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // Once a cause, not every second of an outage.
                if (ex.Message != _lastFailure)
                {
                    ClusterLog.LeaseUnreachable(logger, ex.Message);
                    _lastFailure = ex.Message;
                }
            }

            await connection.DisposeAsync();
            return false;
        }
        finally
        {
            _use.Release();
        }
    }

    /// <summary>The holder's check: the lease session still answers. False (and the lease given up) when it does not.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        await _use.WaitAsync(cancellationToken);
        try
        {
            return _held && await ProbeAsync(cancellationToken);
        }
        finally
        {
            _use.Release();
        }
    }

    /// <summary>
    /// Before an epoch is stored: the lease session still answers right now. A replica that cannot show it holds the
    /// lease must not store another epoch, since another replica may already have resumed the run.
    /// </summary>
    public bool Confirm()
    {
        _use.Wait();
        try
        {
            return _held && ProbeAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            _use.Release();
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    /// <summary>Ends the lease session (the server frees the lock); a later TryAcquireAsync may take the lease again.</summary>
    public async Task ReleaseAsync()
    {
        await _use.WaitAsync();
        try
        {
            await DropAsync();
        }
        finally
        {
            _use.Release();
        }
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", _connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or ObjectDisposedException)
        {
            ClusterLog.LeaseLost(logger, ex.Message);
            await DropAsync();
            return false;
        }
    }

    private async Task DropAsync()
    {
        _held = false;
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }
}
