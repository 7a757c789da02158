using System.Text.Json;
using WebNet.Web.Contracts;

namespace WebNet.Web.Storage.Sqlite;

/// <summary>A run's stored weight snapshots, read one at a time, for replays rendered on the server.</summary>
public sealed partial class SqliteRunStore
{
    public IReadOnlyList<int> GetSnapshotEpochs(long runId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT epoch FROM snapshots WHERE run_id = $id ORDER BY epoch;";
        command.Parameters.AddWithValue("$id", runId);
        using var reader = command.ExecuteReader();
        var epochs = new List<int>();
        while (reader.Read())
        {
            epochs.Add(reader.GetInt32(0));
        }

        return epochs;
    }

    public IEnumerable<(int Epoch, WeightsDto Weights)> ReadSnapshots(long runId, IReadOnlyCollection<int> epochs)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT epoch, weights FROM snapshots WHERE run_id = $id AND epoch IN (SELECT value FROM json_each($epochs)) ORDER BY epoch;";
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$epochs", JsonSerializer.Serialize(epochs));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt32(0), SnapshotCodec.Decode(reader.GetValue(1)));
        }
    }
}
