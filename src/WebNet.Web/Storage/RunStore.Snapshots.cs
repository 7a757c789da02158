using System.Text.Json;
using WebNet.Web.Contracts;

namespace WebNet.Web.Storage;

/// <summary>A run's stored weight snapshots, read one at a time, for replays rendered on the server.</summary>
public sealed partial class RunStore
{
    /// <summary>The epochs the run has snapshots of, in order (empty for an unknown run); reads no weights.</summary>
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

    /// <summary>
    /// The snapshots of the given epochs in epoch order, decoded one row at a time as the caller enumerates (the
    /// connection stays open until the enumeration ends): a 230-epoch run is never in memory at once.
    /// </summary>
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
