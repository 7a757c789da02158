using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WebNet.Web.Storage.Sqlite;

/// <summary>
/// One SQLite file in WAL mode. Per run: its hyperparameters and state; per epoch: the metrics and an int8
/// weight snapshot for replay (thinned by WebNet:Storage's retention); per run: the latest checkpoint, replaced in the same transaction as its epoch;
/// and the drawings people labelled (SqliteDrawingStore), a table any version creates when it is missing.
/// The schema's version is SQLite's user_version; Migrate brings an older file up to date at start-up.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>
    /// 1: snapshots as JSON text (base64 weights); 2: snapshots as SnapshotCodec BLOBs; 3: each epoch's accuracy on the
    /// labelled drawings; 4: the imported model (a new table).
    /// </summary>
    public const int Version = 4;

    /// <summary>
    /// Creates the tables or migrates older ones, then proves the file writable (a rolled-back write): a read-only file
    /// whose tables all exist would otherwise open without complaint and fail the first epoch it stores.
    /// </summary>
    public static void Migrate(SqliteConnection connection, string path, ILogger logger)
    {
        Execute(connection, "BEGIN IMMEDIATE; CREATE TABLE write_probe (x INTEGER); ROLLBACK;");
        var from = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (from == 0 && Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'snapshots';"), CultureInfo.InvariantCulture) > 0)
        {
            from = 1; // written before the schema had a version: the layout of version 1
        }

        if (from > Version)
        {
            throw new InvalidDataException($"it has schema version {from}, written by a newer WebNet than this one (version {Version})");
        }

        using var transaction = connection.BeginTransaction();
        if (from == 1)
        {
            SnapshotsToBlobs(connection, transaction);
        }

        // 2 -> 3: epochs stored before drawings were scored have none (null). Only where the column is missing: a file
        // whose user_version was lost may have it already.
        if (from is 1 or 2 && Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM pragma_table_info('epochs') WHERE name = 'drawings_accuracy';", transaction), CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, "ALTER TABLE epochs ADD COLUMN drawings_accuracy REAL;", transaction);
        }

        Execute(connection, Create + $"PRAGMA user_version = {Version};", transaction);
        transaction.Commit();
        if (from != 0 && from != Version)
        {
            StorageLog.Migrated(logger, path, from, Version);
        }
    }

    // 1 -> 2: each JSON snapshot re-encoded as a BLOB, one row in memory at a time, into a table with a BLOB column.
    private static void SnapshotsToBlobs(SqliteConnection connection, SqliteTransaction transaction)
    {
        Execute(connection, "CREATE TABLE snapshots_v2 (run_id INTEGER NOT NULL REFERENCES runs(id), epoch INTEGER NOT NULL, weights BLOB NOT NULL, PRIMARY KEY (run_id, epoch));", transaction);
        using (var read = connection.CreateCommand())
        using (var write = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT run_id, epoch, weights FROM snapshots;";
            write.Transaction = transaction;
            write.CommandText = "INSERT INTO snapshots_v2 (run_id, epoch, weights) VALUES ($id, $epoch, $weights);";
            var id = write.Parameters.Add("$id", SqliteType.Integer);
            var epoch = write.Parameters.Add("$epoch", SqliteType.Integer);
            var weights = write.Parameters.Add("$weights", SqliteType.Blob);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                id.Value = reader.GetInt64(0);
                epoch.Value = reader.GetInt32(1);
                weights.Value = SnapshotCodec.Encode(SnapshotCodec.Decode(reader.GetValue(2)));
                write.ExecuteNonQuery();
            }
        }

        Execute(connection, "DROP TABLE snapshots; ALTER TABLE snapshots_v2 RENAME TO snapshots;", transaction);
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public const string Create = """
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            preset TEXT NOT NULL,
            options TEXT NOT NULL,
            state TEXT NOT NULL,
            message TEXT,
            backend TEXT NOT NULL,
            device TEXT NOT NULL,
            epochs_planned INTEGER NOT NULL,
            epoch INTEGER NOT NULL DEFAULT 0,
            best_accuracy REAL,
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT);
        CREATE TABLE IF NOT EXISTS epochs (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            epoch INTEGER NOT NULL,
            test_accuracy REAL NOT NULL,
            test_loss REAL NOT NULL,
            train_loss REAL NOT NULL,
            seconds REAL NOT NULL,
            samples_per_second REAL NOT NULL,
            completed_at TEXT NOT NULL,
            drawings_accuracy REAL,
            PRIMARY KEY (run_id, epoch));
        CREATE TABLE IF NOT EXISTS snapshots (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            epoch INTEGER NOT NULL,
            weights BLOB NOT NULL,
            PRIMARY KEY (run_id, epoch));
        CREATE TABLE IF NOT EXISTS checkpoints (
            run_id INTEGER PRIMARY KEY REFERENCES runs(id),
            epoch INTEGER NOT NULL,
            step INTEGER NOT NULL,
            random_state INTEGER NOT NULL,
            parameters BLOB NOT NULL,
            optimizer_state BLOB NOT NULL,
            saved_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS drawings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            label INTEGER NOT NULL CHECK (label BETWEEN 0 AND 9),
            png BLOB NOT NULL,
            input BLOB NOT NULL,
            answer INTEGER,
            model TEXT,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS imported_models (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document BLOB NOT NULL,
            after_run_id INTEGER,
            after_epoch INTEGER NOT NULL,
            imported_at TEXT NOT NULL);
        """;
}
