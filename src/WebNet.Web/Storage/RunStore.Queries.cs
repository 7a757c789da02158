using System.Globalization;
using System.Text.Json;
using WebNet.Web.Contracts;
using WebNet.Web.Training;

namespace WebNet.Web.Storage;

/// <summary>Reading runs back: lists, histories and weight snapshots (finished runs stay browsable).</summary>
public sealed partial class RunStore
{
    public RunRecord? GetRun(long runId) => QueryRuns("WHERE id = $id", runId).FirstOrDefault();

    public RunRecord? LatestRun() => QueryRuns("ORDER BY id DESC LIMIT 1", null).FirstOrDefault();

    /// <summary>Every run, newest first.</summary>
    public IReadOnlyList<RunRecord> ListRuns() => QueryRuns("ORDER BY id DESC", null);

    /// <summary>The run's completed epochs in order, without weights.</summary>
    public IReadOnlyList<EpochDto> GetHistory(long runId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT epoch, test_accuracy, test_loss, train_loss, seconds, samples_per_second, drawings_accuracy
            FROM epochs WHERE run_id = $id ORDER BY epoch;
            """;
        command.Parameters.AddWithValue("$id", runId);
        using var reader = command.ExecuteReader();
        var epochs = new List<EpochDto>();
        while (reader.Read())
        {
            epochs.Add(new EpochDto(runId, reader.GetInt32(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5))
            {
                DrawingsAccuracy = reader.IsDBNull(6) ? null : reader.GetDouble(6),
            });
        }

        return epochs;
    }

    /// <summary>The weight snapshot of one epoch, or of the run's latest epoch when epoch is null.</summary>
    public WeightsDto? GetWeights(long runId, int? epoch)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = epoch is null
            ? "SELECT weights FROM snapshots WHERE run_id = $id ORDER BY epoch DESC LIMIT 1;"
            : "SELECT weights FROM snapshots WHERE run_id = $id AND epoch = $epoch;";
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$epoch", (object?)epoch ?? DBNull.Value);
        return command.ExecuteScalar() is { } value and not DBNull ? SnapshotCodec.Decode(value) : null;
    }

    /// <summary>
    /// The snapshot replay shows for an epoch the run completed: its own, or where retention thinned it, the nearest kept
    /// one before it (Epoch says which). Null for an epoch the run never completed.
    /// </summary>
    public (int Epoch, WeightsDto Weights)? GetReplayWeights(long runId, int epoch)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT epoch, weights FROM snapshots
            WHERE run_id = $id AND epoch <= $epoch AND EXISTS (SELECT 1 FROM epochs WHERE run_id = $id AND epoch = $epoch)
            ORDER BY epoch DESC LIMIT 1;
            """;
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$epoch", epoch);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), SnapshotCodec.Decode(reader.GetValue(1))) : null;
    }

    private List<RunRecord> QueryRuns(string clause, long? id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, options, state, message, backend, device, epoch, best_accuracy, started_at,
                EXISTS (SELECT 1 FROM epochs WHERE run_id = runs.id)
            FROM runs {clause};
            """;
        command.Parameters.AddWithValue("$id", (object?)id ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(new RunRecord(
                reader.GetInt64(0),
                StoredOptions.Read(reader.GetString(1)),
                RunStates.Parse(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetDouble(7),
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                reader.GetBoolean(9)));
        }

        return runs;
    }
}
