using Microsoft.Data.Sqlite;

namespace WebNet.Web.Storage.Sqlite;

/// <summary>Opening the file: the start-up check that finds a fault, and connections under the fault's rules.</summary>
public sealed partial class SqliteRunStore
{
    /// <summary>
    /// Creates or migrates the database and checks it. A corrupt, truncated or unwritable file is a fault, logged naming
    /// the path, instead of an exception that would stop the app: it goes on serving classify, import and the page.
    /// </summary>
    private StorageFault? Prepare(string folder, ILogger logger)
    {
        try
        {
            Directory.CreateDirectory(folder);
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            if (Scalar(connection, "PRAGMA quick_check(1);") is not "ok" and var problem)
            {
                return Unusable(logger, null, $"it is corrupt ({problem})", readable: false);
            }

            Execute(connection, "PRAGMA journal_mode=WAL;");
            SqliteSchema.Migrate(connection, DatabasePath, logger);
            return null;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteReadOnly)
        {
            return Unusable(logger, ex, "the app may not write it (read-only file or folder)", readable: CanRead());
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            return Unusable(logger, ex, $"it is corrupt or truncated ({ex.Message})", readable: false);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Unusable(logger, ex, ex.Message, readable: false);
        }
    }

    private StorageFault Unusable(ILogger logger, Exception? exception, string reason, bool readable)
    {
        var fault = new StorageFault(DatabasePath, reason, readable);
        StorageLog.DatabaseUnusable(logger, exception!, DatabasePath, reason, readable ? "stored runs read-only, no training" : "no training and no run history");
        return fault;
    }

    private bool CanRead()
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString + ";Mode=ReadOnly");
            connection.Open();
            return Scalar(connection, "SELECT count(*) FROM runs;") is long;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteReadOnly = 8;
    private const int SqliteNotADatabase = 26;

    /// <summary>A connection for reading: refused (StorageUnavailableException) only when the database cannot be read at all.</summary>
    private SqliteConnection Open() => Open(write: false);

    /// <summary>A connection to the same file for the other tables' stores (SqliteDrawingStore), under the same fault rules.</summary>
    internal SqliteConnection Connect(bool write) => Open(write);

    private SqliteConnection OpenForWriting() => Open(write: true);

    private SqliteConnection Open(bool write)
    {
        if (Fault is { } fault && (write || !fault.Readable))
        {
            throw new StorageUnavailableException(fault);
        }

        var connection = new SqliteConnection(Fault is null ? _connectionString : _connectionString + ";Mode=ReadOnly");
        connection.Open();
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
