using Npgsql;
using WebNet.Web.Contracts;

namespace WebNet.Web.Storage.Postgres;

/// <summary>Reading runs back: lists, histories and weight snapshots, the last read lazily one row at a time.</summary>
public sealed partial class PostgresRunStore
{
    public RunRecord? GetRun(long runId) => QueryRuns("WHERE id = @id", runId).FirstOrDefault();

    public RunRecord? LatestRun() => QueryRuns("ORDER BY id DESC LIMIT 1", null).FirstOrDefault();

    public IReadOnlyList<RunRecord> ListRuns() => QueryRuns("ORDER BY id DESC", null);

    public IReadOnlyList<EpochDto> GetHistory(long runId) => database.Use(connection =>
    {
        using var command = new NpgsqlCommand($"SELECT {StoredRows.EpochColumns} FROM epochs WHERE run_id = @id ORDER BY epoch;", connection);
        command.Parameters.AddWithValue("id", runId);
        using var reader = command.ExecuteReader();
        var epochs = new List<EpochDto>();
        while (reader.Read())
        {
            epochs.Add(StoredRows.Epoch(runId, reader));
        }

        return epochs;
    });

    public WeightsDto? GetWeights(long runId, int? epoch) => database.Use(connection =>
    {
        using var command = new NpgsqlCommand(
            epoch is null
                ? "SELECT weights FROM snapshots WHERE run_id = @id ORDER BY epoch DESC LIMIT 1;"
                : "SELECT weights FROM snapshots WHERE run_id = @id AND epoch = @epoch;",
            connection);
        command.Parameters.AddWithValue("id", runId);
        if (epoch is { } number)
        {
            command.Parameters.AddWithValue("epoch", number);
        }

        return command.ExecuteScalar() is byte[] value ? SnapshotCodec.Decode(value) : null;
    });

    public (int Epoch, WeightsDto Weights)? GetReplayWeights(long runId, int epoch) => database.Use<(int, WeightsDto)?>(connection =>
    {
        using var command = new NpgsqlCommand(
            """
            SELECT epoch, weights FROM snapshots
            WHERE run_id = @id AND epoch <= @epoch AND EXISTS (SELECT 1 FROM epochs WHERE run_id = @id AND epoch = @epoch)
            ORDER BY epoch DESC LIMIT 1;
            """, connection);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("epoch", epoch);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), SnapshotCodec.Decode(reader.GetValue(1))) : null;
    });

    public IReadOnlyList<int> GetSnapshotEpochs(long runId) => database.Use(connection =>
    {
        using var command = new NpgsqlCommand("SELECT epoch FROM snapshots WHERE run_id = @id ORDER BY epoch;", connection);
        command.Parameters.AddWithValue("id", runId);
        using var reader = command.ExecuteReader();
        var epochs = new List<int>();
        while (reader.Read())
        {
            epochs.Add(reader.GetInt32(0));
        }

        return epochs;
    });

    public IEnumerable<(int Epoch, WeightsDto Weights)> ReadSnapshots(long runId, IReadOnlyCollection<int> epochs) =>
        database.Stream(connection => ReadSnapshots(connection, runId, [.. epochs]));

    private static IEnumerable<(int Epoch, WeightsDto Weights)> ReadSnapshots(NpgsqlConnection connection, long runId, int[] epochs)
    {
        using var command = new NpgsqlCommand("SELECT epoch, weights FROM snapshots WHERE run_id = @id AND epoch = ANY(@epochs) ORDER BY epoch;", connection);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("epochs", epochs);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt32(0), SnapshotCodec.Decode(reader.GetValue(1)));
        }
    }

    private List<RunRecord> QueryRuns(string clause, long? id) => database.Use(connection =>
    {
        using var command = new NpgsqlCommand($"SELECT {StoredRows.RunColumns} FROM runs {clause};", connection);
        if (id is { } runId)
        {
            command.Parameters.AddWithValue("id", runId);
        }

        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(StoredRows.Run(reader));
        }

        return runs;
    });
}
