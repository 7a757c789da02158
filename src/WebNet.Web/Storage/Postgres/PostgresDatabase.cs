using Npgsql;

namespace WebNet.Web.Storage.Postgres;

/// <summary>
/// The PostgreSQL database of ConnectionStrings:WebNet, shared by the run and drawing stores and by any number of app
/// replicas. Npgsql's pool hands out connections; the schema is created or migrated before the first one is used (at
/// start-up, or later when the server was down then). A server that cannot be reached is a
/// <see cref="StorageUnavailableException"/> (503 ProblemDetails), never a state kept: the pool is cleared and the next
/// call tries again, so the app recovers by itself when the server is back.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly ILogger<PostgresDatabase> _logger;
    private readonly Lock _migrating = new();
    private volatile bool _migrated;

    public PostgresDatabase(string connectionString, ILogger<PostgresDatabase> logger)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
        _logger = logger;
        try
        {
            Use(_ => 0);
        }
        catch (StorageUnavailableException ex)
        {
            // A lasting fault (Fault) was logged where it was found; anything else is tried again on first use.
            if (Fault is null)
            {
                PostgresLog.NotReachable(logger, ex, Location);
            }
        }
    }

    /// <summary>The server, port and database, for messages (no password).</summary>
    public string Location { get; }

    /// <summary>A fault no retry mends (the schema is newer than this app's), found when the schema was checked; else null.</summary>
    public StorageFault? Fault { get; private set; }

    /// <summary>
    /// Runs work on a pooled connection whose schema is current. A connection the server cut (it restarted) is
    /// tried once more on a fresh one; a server that does not answer throws <see cref="StorageUnavailableException"/>.
    /// </summary>
    public T Use<T>(Func<NpgsqlConnection, T> work)
    {
        if (Fault is { } fault)
        {
            throw new StorageUnavailableException(fault);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = _source.OpenConnection();
                Migrate(connection);
                return work(connection);
            }
            catch (Exception ex) when (Unreachable(ex))
            {
                _source.Clear();
                if (attempt == 2 || ex.InnerException is TimeoutException)
                {
                    throw Unavailable(ex);
                }
            }
        }
    }

    /// <summary>Like <see cref="Use{T}"/> for rows read lazily: the connection stays open until the enumeration ends.</summary>
    public IEnumerable<T> Stream<T>(Func<NpgsqlConnection, IEnumerable<T>> rows)
    {
        // Proved live first (a cut connection is replaced there): a failure after rows were handed out cannot be retried.
        using var connection = OpenLive();
        using var enumerator = rows(connection).GetEnumerator();
        while (true)
        {
            T item;
            try
            {
                if (!enumerator.MoveNext())
                {
                    yield break;
                }

                item = enumerator.Current;
            }
            catch (Exception ex) when (Unreachable(ex))
            {
                _source.Clear();
                throw Unavailable(ex);
            }

            yield return item;
        }
    }

    /// <summary>The server's version and the schema's, read with a query (a health probe: throws when the server does not answer).</summary>
    public string Describe() => Use(connection =>
    {
        using var command = new NpgsqlCommand("SELECT max(version) FROM schema_version;", connection);
        return $"PostgreSQL {connection.PostgreSqlVersion}, schema version {command.ExecuteScalar()}";
    });

    /// <summary>
    /// True when the error says the database cannot be used now (the server cannot be reached, is going away, refuses the
    /// login or has no such database), not that a statement is wrong.
    /// </summary>
    public static bool Unreachable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) // shutting down, cannot connect now
            || postgres.SqlState.StartsWith("28", StringComparison.Ordinal) // login refused
            || postgres.SqlState == PostgresErrorCodes.InvalidCatalogName
            || postgres.SqlState == PostgresErrorCodes.TooManyConnections,
        NpgsqlException => true,
        TimeoutException => true,
        _ => false,
    };

    public void Dispose() => _source.Dispose();

    private NpgsqlConnection OpenLive()
    {
        if (Fault is { } fault)
        {
            throw new StorageUnavailableException(fault);
        }

        for (var attempt = 1; ; attempt++)
        {
            var connection = _source.CreateConnection();
            try
            {
                connection.Open();
                Migrate(connection);
                using var ping = new NpgsqlCommand("SELECT 1;", connection);
                ping.ExecuteScalar();
                return connection;
            }
            catch (Exception ex) when (Unreachable(ex))
            {
                connection.Dispose();
                _source.Clear();
                if (attempt == 2 || ex.InnerException is TimeoutException)
                {
                    throw Unavailable(ex);
                }
            }
        }
    }

    private StorageUnavailableException Unavailable(Exception exception)
    {
        var reason = exception is PostgresException refused
            && (refused.SqlState.StartsWith("28", StringComparison.Ordinal) || refused.SqlState == PostgresErrorCodes.InvalidCatalogName)
            ? $"the server refuses it ({refused.SqlState}: {refused.MessageText})"
            : $"the server does not answer ({exception.Message})";
        var fault = new StorageFault(Location, reason, Readable: false);
        PostgresLog.Unavailable(_logger, exception, Location);
        return new StorageUnavailableException(fault, exception);
    }

    private void Migrate(NpgsqlConnection connection)
    {
        if (_migrated)
        {
            return;
        }

        lock (_migrating)
        {
            if (_migrated)
            {
                return;
            }

            try
            {
                PostgresSchema.Migrate(connection, Location, _logger);
                _migrated = true;
            }
            catch (InvalidDataException ex)
            {
                // A schema from a newer WebNet: no retry mends it, so it stays the fault (503, not ready) from now on.
                Fault = new StorageFault(Location, ex.Message, Readable: false);
                StorageLog.DatabaseUnusable(_logger, ex, Location, ex.Message, "no training and no run history");
                throw new StorageUnavailableException(Fault, ex);
            }
        }
    }
}
