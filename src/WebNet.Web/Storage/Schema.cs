using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WebNet.Web.Storage;

/// <summary>
/// One SQLite file in WAL mode. Per run: its hyperparameters and state; per epoch: the metrics and an int8
/// weight snapshot for replay; per run: the latest checkpoint, replaced in the same transaction as its epoch.
/// The schema's version is SQLite's user_version; Migrate brings an older file up to date at start-up.
/// </summary>
internal static class Schema
{
    public const int Version = 1;

    /// <summary>
    /// Creates the tables or migrates older ones, then proves the file writable (a rolled-back write): a read-only file
    /// whose tables all exist would otherwise open without complaint and fail the first epoch it stores.
    /// </summary>
    public static void Migrate(SqliteConnection connection, string path, ILogger logger)
    {
        using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "BEGIN IMMEDIATE; CREATE TABLE write_probe (x INTEGER); ROLLBACK;";
            probe.ExecuteNonQuery();
        }

        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        var from = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
        using var create = connection.CreateCommand();
        create.CommandText = Create + $"PRAGMA user_version = {Version};";
        create.ExecuteNonQuery();
        if (from != 0 && from != Version)
        {
            StorageLog.Migrated(logger, path, from, Version);
        }
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
            PRIMARY KEY (run_id, epoch));
        CREATE TABLE IF NOT EXISTS snapshots (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            epoch INTEGER NOT NULL,
            weights TEXT NOT NULL,
            PRIMARY KEY (run_id, epoch));
        CREATE TABLE IF NOT EXISTS checkpoints (
            run_id INTEGER PRIMARY KEY REFERENCES runs(id),
            epoch INTEGER NOT NULL,
            step INTEGER NOT NULL,
            random_state INTEGER NOT NULL,
            parameters BLOB NOT NULL,
            optimizer_state BLOB NOT NULL,
            saved_at TEXT NOT NULL);
        """;
}
