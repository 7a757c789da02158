using System.Text.Json;
using WebNet.Web.Contracts;
using WebNet.Web.Training;

namespace WebNet.Web.Storage.Sqlite;

/// <summary>Reading runs back: lists, histories and weight snapshots (finished runs stay browsable).</summary>
public sealed partial class SqliteRunStore
{
    public RunRecord? GetRun(long runId) => QueryRuns("WHERE id = $id", runId).FirstOrDefault();

    public RunRecord? LatestRun() => QueryRuns("ORDER BY id DESC LIMIT 1", null).FirstOrDefault();

    public IReadOnlyList<RunRecord> ListRuns() => QueryRuns("ORDER BY id DESC", null);

    public IReadOnlyList<EpochDto> GetHistory(long runId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoredRows.EpochColumns} FROM epochs WHERE run_id = $id ORDER BY epoch;";
        command.Parameters.AddWithValue("$id", runId);
        using var reader = command.ExecuteReader();
        var epochs = new List<EpochDto>();
        while (reader.Read())
        {
            epochs.Add(StoredRows.Epoch(runId, reader));
        }

        return epochs;
    }

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
        command.CommandText = $"SELECT {StoredRows.RunColumns} FROM runs {clause};";
        command.Parameters.AddWithValue("$id", (object?)id ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(StoredRows.Run(reader));
        }

        return runs;
    }
}
