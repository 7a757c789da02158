using Npgsql;

namespace WebNet.Web.Storage.Postgres;

/// <summary>
/// The tables of the SQLite file (SqliteSchema), in PostgreSQL: ids from identity sequences (never reused, also across
/// replicas), times as timestamptz, snapshots and checkpoints as bytea, one row per (run_id, epoch). The schema's
/// version is the one row of schema_version. Replicas starting together migrate one at a time (an advisory lock).
/// </summary>
internal static class PostgresSchema
{
    /// <summary>1: runs, epochs, snapshots, checkpoints and drawings; 2: the imported model (a new table).</summary>
    public const int Version = 2;

    // Any number: the advisory lock that serializes migrations of this database.
    private const long MigrationLock = 0x5745424E45540001;

    public static void Migrate(NpgsqlConnection connection, string location, ILogger logger)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"SELECT pg_advisory_xact_lock({MigrationLock}); CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL);");
        using var read = new NpgsqlCommand("SELECT max(version) FROM schema_version;", connection);
        var from = read.ExecuteScalar() is int stored ? stored : 0;
        if (from > Version)
        {
            throw new InvalidDataException($"it has schema version {from}, written by a newer WebNet than this one (version {Version})");
        }

        if (from < Version)
        {
            Execute(connection, Create + $"DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ({Version});");
            PostgresLog.Migrated(logger, location, from, Version);
        }

        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private const string Create = """
        CREATE TABLE IF NOT EXISTS runs (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            preset text NOT NULL,
            options text NOT NULL,
            state text NOT NULL,
            message text,
            backend text NOT NULL,
            device text NOT NULL,
            epochs_planned integer NOT NULL,
            epoch integer NOT NULL DEFAULT 0,
            best_accuracy double precision,
            started_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            finished_at timestamptz);
        CREATE TABLE IF NOT EXISTS epochs (
            run_id bigint NOT NULL REFERENCES runs(id),
            epoch integer NOT NULL,
            test_accuracy double precision NOT NULL,
            test_loss double precision NOT NULL,
            train_loss double precision NOT NULL,
            seconds double precision NOT NULL,
            samples_per_second double precision NOT NULL,
            completed_at timestamptz NOT NULL,
            drawings_accuracy double precision,
            PRIMARY KEY (run_id, epoch));
        CREATE TABLE IF NOT EXISTS snapshots (
            run_id bigint NOT NULL REFERENCES runs(id),
            epoch integer NOT NULL,
            weights bytea NOT NULL,
            PRIMARY KEY (run_id, epoch));
        CREATE TABLE IF NOT EXISTS checkpoints (
            run_id bigint PRIMARY KEY REFERENCES runs(id),
            epoch integer NOT NULL,
            step bigint NOT NULL,
            random_state bigint NOT NULL,
            parameters bytea NOT NULL,
            optimizer_state bytea NOT NULL,
            saved_at timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS drawings (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            label integer NOT NULL CHECK (label BETWEEN 0 AND 9),
            png bytea NOT NULL,
            input bytea NOT NULL,
            answer integer,
            model text,
            created_at timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS imported_models (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            document bytea NOT NULL,
            after_run_id bigint,
            after_epoch integer NOT NULL,
            imported_at timestamptz NOT NULL);
        """;
}
