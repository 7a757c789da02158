using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Options;
using WebNet.Web.Training;

namespace WebNet.Web.Storage.Sqlite;

/// <summary>Runs, epochs, snapshots and checkpoints in one SQLite file (webnet.db in WebNet:DataPath): the single-process default.</summary>
public sealed partial class SqliteRunStore : IRunStore
{
    private readonly string _connectionString;

    private readonly StorageOptions _retention;

    public SqliteRunStore(IOptions<WebNetOptions> options, IOptions<StorageOptions> storage, ILogger<SqliteRunStore> logger)
    {
        _retention = storage.Value;
        var folder = options.Value.ResolvedDataPath;
        DatabasePath = Path.Combine(folder, "webnet.db");
        // No pooling: every operation opens its own short connection, so nothing holds the file after use.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();
        Fault = Prepare(folder, logger);
    }

    /// <summary>Why the database cannot be used (found at start-up), or null when it can.</summary>
    public StorageFault? Fault { get; }

    public string DatabasePath { get; }

    public string Location => DatabasePath;

    public long CreateRun(TrainingOptions options, string backend, string device)
    {
        using var connection = OpenForWriting();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO runs (preset, options, state, backend, device, epochs_planned, started_at, updated_at)
            VALUES ($preset, $options, $state, $backend, $device, $epochs, $now, $now);
            SELECT last_insert_rowid();
            """;
        command.Parameters.AddWithValue("$preset", options.Preset);
        command.Parameters.AddWithValue("$options", StoredOptions.Write(options));
        command.Parameters.AddWithValue("$state", RunState.Running.ToWireName());
        command.Parameters.AddWithValue("$backend", backend);
        command.Parameters.AddWithValue("$device", device);
        command.Parameters.AddWithValue("$epochs", options.Epochs);
        command.Parameters.AddWithValue("$now", Now());
        return (long)command.ExecuteScalar()!;
    }

    public void SetState(long runId, RunState state, string? message = null, string? backend = null, string? device = null)
    {
        using var connection = OpenForWriting();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE runs SET state = $state, message = $message, updated_at = $now,
                backend = coalesce($backend, backend), device = coalesce($device, device),
                finished_at = CASE WHEN $terminal THEN $now ELSE NULL END
            WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$state", state.ToWireName());
        command.Parameters.AddWithValue("$message", (object?)message ?? DBNull.Value);
        command.Parameters.AddWithValue("$backend", (object?)backend ?? DBNull.Value);
        command.Parameters.AddWithValue("$device", (object?)device ?? DBNull.Value);
        command.Parameters.AddWithValue("$terminal", !state.IsActive());
        command.Parameters.AddWithValue("$now", Now());
        command.ExecuteNonQuery();
    }

    public void SaveEpoch(long runId, EpochResult result, WeightsDto weights, TrainerCheckpoint checkpoint, RunState state, double? drawingsAccuracy = null)
    {
        try
        {
            SaveEpochCore(runId, result, weights, checkpoint, state, drawingsAccuracy);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteFull)
        {
            throw new StorageFullException($"Paused: the disk of {Path.GetDirectoryName(DatabasePath)} is full, so epoch {result.Epoch} could not be stored ({ex.Message}). Free some space, then resume.", ex);
        }
    }

    private void SaveEpochCore(long runId, EpochResult result, WeightsDto weights, TrainerCheckpoint checkpoint, RunState state, double? drawingsAccuracy)
    {
        using var connection = OpenForWriting();
        using var transaction = connection.BeginTransaction();
        var now = Now();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT OR REPLACE INTO epochs (run_id, epoch, test_accuracy, test_loss, train_loss, seconds, samples_per_second, completed_at, drawings_accuracy)
                VALUES ($id, $epoch, $accuracy, $testLoss, $trainLoss, $seconds, $rate, $now, $drawings);
                INSERT OR REPLACE INTO snapshots (run_id, epoch, weights) VALUES ($id, $epoch, $weights);
                INSERT OR REPLACE INTO checkpoints (run_id, epoch, step, random_state, parameters, optimizer_state, saved_at)
                VALUES ($id, $epoch, $step, $random, $parameters, $optimizer, $now);
                UPDATE runs SET epoch = $epoch, state = $state, updated_at = $now,
                    best_accuracy = max(coalesce(best_accuracy, 0), $accuracy),
                    finished_at = CASE WHEN $terminal THEN $now ELSE NULL END
                WHERE id = $id;
                """;
            foreach (var (name, value) in StoredRows.EpochValues(runId, result, weights, checkpoint, state, drawingsAccuracy))
            {
                command.Parameters.AddWithValue("$" + name, value);
            }

            command.Parameters.AddWithValue("$now", now);
            command.ExecuteNonQuery();
        }

        Thin(connection, transaction, runId, result.Epoch);
        transaction.Commit();
    }

    // Retention (StoredRows.ThinningStride): the snapshots between the first ones and the latest off the stride go.
    private void Thin(SqliteConnection connection, SqliteTransaction transaction, long runId, int latest)
    {
        if (StoredRows.ThinningStride(_retention, latest) is not { } stride)
        {
            return;
        }

        var first = _retention.KeepAllEpochs;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM snapshots WHERE run_id = $id AND epoch > $first AND epoch < $latest AND (epoch - $first) % $stride != 0;";
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$first", first);
        command.Parameters.AddWithValue("$latest", latest);
        command.Parameters.AddWithValue("$stride", stride);
        command.ExecuteNonQuery();
    }

    public TrainerCheckpoint? LoadCheckpoint(long runId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoredRows.CheckpointColumns} FROM checkpoints WHERE run_id = $id;";
        command.Parameters.AddWithValue("$id", runId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return StoredRows.Checkpoint(reader);
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
