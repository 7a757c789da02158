using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Options;
using WebNet.Web.Training;

namespace WebNet.Web.Storage.Postgres;

/// <summary>
/// Runs, epochs, snapshots and checkpoints in PostgreSQL (WebNet:Storage:Provider=postgres), shared by every replica:
/// the same rows and rules as <see cref="Sqlite.SqliteRunStore"/>. Nothing is cached in the process, so what one replica
/// stores the others read at once.
/// </summary>
public sealed partial class PostgresRunStore(PostgresDatabase database, IOptions<StorageOptions> storage) : IRunStore
{
    private readonly StorageOptions _retention = storage.Value;

    public StorageFault? Fault => database.Fault;

    public string Location => database.Location;

    public long CreateRun(TrainingOptions options, string backend, string device) => database.Use(connection =>
    {
        using var command = new NpgsqlCommand(
            """
            INSERT INTO runs (preset, options, state, backend, device, epochs_planned, started_at, updated_at)
            VALUES (@preset, @options, @state, @backend, @device, @epochs, now(), now())
            RETURNING id;
            """, connection);
        command.Parameters.AddWithValue("preset", options.Preset);
        command.Parameters.AddWithValue("options", StoredOptions.Write(options));
        command.Parameters.AddWithValue("state", RunState.Running.ToWireName());
        command.Parameters.AddWithValue("backend", backend);
        command.Parameters.AddWithValue("device", device);
        command.Parameters.AddWithValue("epochs", options.Epochs);
        return (long)command.ExecuteScalar()!;
    });

    public void SetState(long runId, RunState state, string? message = null, string? backend = null, string? device = null) => database.Use(connection =>
    {
        using var command = new NpgsqlCommand(
            """
            UPDATE runs SET state = @state, message = @message, updated_at = now(),
                backend = coalesce(@backend, backend), device = coalesce(@device, device),
                finished_at = CASE WHEN @terminal THEN now() ELSE NULL END
            WHERE id = @id;
            """, connection);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("state", state.ToWireName());
        command.Parameters.Add(new NpgsqlParameter("message", NpgsqlDbType.Text) { Value = (object?)message ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("backend", NpgsqlDbType.Text) { Value = (object?)backend ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("device", NpgsqlDbType.Text) { Value = (object?)device ?? DBNull.Value });
        command.Parameters.AddWithValue("terminal", !state.IsActive());
        return command.ExecuteNonQuery();
    });

    public void SaveEpoch(long runId, EpochResult result, WeightsDto weights, TrainerCheckpoint checkpoint, RunState state, double? drawingsAccuracy = null)
    {
        try
        {
            database.Use(connection => SaveEpoch(connection, runId, result, weights, checkpoint, state, drawingsAccuracy));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DiskFull)
        {
            throw new StorageFullException($"Paused: the disk of the PostgreSQL server {Location} is full, so epoch {result.Epoch} could not be stored ({ex.MessageText}). Free some space there, then resume.", ex);
        }
    }

    public TrainerCheckpoint? LoadCheckpoint(long runId) => database.Use(connection =>
    {
        using var command = new NpgsqlCommand($"SELECT {StoredRows.CheckpointColumns} FROM checkpoints WHERE run_id = @id;", connection);
        command.Parameters.AddWithValue("id", runId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? StoredRows.Checkpoint(reader) : null;
    });

    // Upserts: an epoch stored twice (a retry, or a replica that lost the trainer lease) replaces its row, never adds one.
    private int SaveEpoch(NpgsqlConnection connection, long runId, EpochResult result, WeightsDto weights, TrainerCheckpoint checkpoint, RunState state, double? drawingsAccuracy)
    {
        using var transaction = connection.BeginTransaction();
        using (var command = new NpgsqlCommand(
            """
            INSERT INTO epochs (run_id, epoch, test_accuracy, test_loss, train_loss, seconds, samples_per_second, completed_at, drawings_accuracy)
            VALUES (@id, @epoch, @accuracy, @testLoss, @trainLoss, @seconds, @rate, now(), @drawings)
            ON CONFLICT (run_id, epoch) DO UPDATE SET test_accuracy = excluded.test_accuracy, test_loss = excluded.test_loss,
                train_loss = excluded.train_loss, seconds = excluded.seconds, samples_per_second = excluded.samples_per_second,
                completed_at = excluded.completed_at, drawings_accuracy = excluded.drawings_accuracy;
            INSERT INTO snapshots (run_id, epoch, weights) VALUES (@id, @epoch, @weights)
            ON CONFLICT (run_id, epoch) DO UPDATE SET weights = excluded.weights;
            INSERT INTO checkpoints (run_id, epoch, step, random_state, parameters, optimizer_state, saved_at)
            VALUES (@id, @epoch, @step, @random, @parameters, @optimizer, now())
            ON CONFLICT (run_id) DO UPDATE SET epoch = excluded.epoch, step = excluded.step, random_state = excluded.random_state,
                parameters = excluded.parameters, optimizer_state = excluded.optimizer_state, saved_at = excluded.saved_at;
            UPDATE runs SET epoch = @epoch, state = @state, updated_at = now(),
                best_accuracy = greatest(coalesce(best_accuracy, 0), @accuracy),
                finished_at = CASE WHEN @terminal THEN now() ELSE NULL END
            WHERE id = @id;
            """, connection, transaction))
        {
            foreach (var (name, value) in StoredRows.EpochValues(runId, result, weights, checkpoint, state, drawingsAccuracy))
            {
                var parameter = command.Parameters.AddWithValue(name, value);
                if (value is DBNull)
                {
                    parameter.NpgsqlDbType = NpgsqlDbType.Double; // the one that may be null: the drawings accuracy
                }
            }

            command.ExecuteNonQuery();
        }

        if (StoredRows.ThinningStride(_retention, result.Epoch) is { } stride)
        {
            using var thin = new NpgsqlCommand(
                "DELETE FROM snapshots WHERE run_id = @id AND epoch > @first AND epoch < @latest AND (epoch - @first) % @stride <> 0;", connection, transaction);
            thin.Parameters.AddWithValue("id", runId);
            thin.Parameters.AddWithValue("first", _retention.KeepAllEpochs);
            thin.Parameters.AddWithValue("latest", result.Epoch);
            thin.Parameters.AddWithValue("stride", stride);
            thin.ExecuteNonQuery();
        }

        transaction.Commit();
        return result.Epoch;
    }
}
