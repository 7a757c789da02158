using System.Text.Json;
using WebNet.Web.Contracts;

namespace WebNet.Web.Storage;

/// <summary>Every stored weight snapshot of a run at once, for replays rendered on the server.</summary>
public sealed partial class RunStore
{
    /// <summary>The run's snapshots in epoch order (empty for an unknown run).</summary>
    public IReadOnlyList<(int Epoch, WeightsDto Weights)> GetSnapshots(long runId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT epoch, weights FROM snapshots WHERE run_id = $id ORDER BY epoch;";
        command.Parameters.AddWithValue("$id", runId);
        using var reader = command.ExecuteReader();
        var snapshots = new List<(int, WeightsDto)>();
        while (reader.Read())
        {
            snapshots.Add((reader.GetInt32(0), JsonSerializer.Deserialize<WeightsDto>(reader.GetString(1), Json)!));
        }

        return snapshots;
    }
}
