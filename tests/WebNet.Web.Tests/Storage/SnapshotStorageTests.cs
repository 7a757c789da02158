using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Web.Contracts;
using WebNet.Web.Storage;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Storage;

public sealed class SnapshotStorageTests
{
    [Fact]
    public async Task RetentionKeepsTheFirstEpochsThenASpreadAndReplayAnswersAThinnedEpochWithTheKeptOneBefore()
    {
        using var factory = new WebNetFactory();
        factory.Settings["WebNet:Storage:KeepAllEpochs"] = "3";
        factory.Settings["WebNet:Storage:KeepLaterEpochs"] = "2";
        var client = factory.CreateClient();
        var runId = (await (await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":12}""")).Content.ReadFromJsonAsync<RunStateDto>())!.RunId!.Value;
        await client.WaitForStateAsync("completed");

        // Epochs 4..11 at stride 4 (the smallest power of two leaving at most 2 after epoch 3), and the last.
        Assert.Equal([0, 1, 2, 3, 7, 11, 12], factory.Services.GetRequiredService<IRunStore>().GetSnapshotEpochs(runId));
        Assert.Equal(13, (await client.HistoryAsync($"/api/runs/{runId}/history")).Length);

        var thinned = await client.GetAsync($"/api/runs/{runId}/epochs/9/weights");
        Assert.Equal(HttpStatusCode.OK, thinned.StatusCode);
        Assert.Equal("7", Assert.Single(thinned.Headers.GetValues("X-Snapshot-Epoch")));
        var kept = await client.GetAsync($"/api/runs/{runId}/epochs/11/weights");
        Assert.Equal("11", Assert.Single(kept.Headers.GetValues("X-Snapshot-Epoch")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{runId}/epochs/13/weights")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{runId}/epochs/5/heatmap.png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{runId}/heatmaps.gif")).StatusCode);
    }

    [Fact]
    public async Task ALongRunIsWithinTheSnapshotBudgetBecauseRetentionBoundsItsSnapshots()
    {
        using var factory = new WebNetFactory();
        factory.Settings["WebNet:Budget:MaxSnapshotBytes"] = "16777216";
        var client = factory.CreateClient();

        // 784-64-10 is 50,890 bytes a snapshot: 100,001 of them would be 5 GB, the 152 retention keeps 7.7 MB.
        var accepted = await client.PostJsonAsync("/api/training/start", """{"preset":"seed","epochs":100000}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await client.PostAsync("/api/training/stop");
    }

    [Fact]
    public async Task ADatabaseWithJsonSnapshotsIsMigratedToBlobsAtStartUpAndReadsBackTheSameWeights()
    {
        var dataPath = WebNetFactory.NewDataPath();
        try
        {
            long runId;
            WeightsDto[] before;
            using (var factory = new WebNetFactory(dataPath))
            {
                var client = factory.CreateClient();
                runId = (await (await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":3}""")).Content.ReadFromJsonAsync<RunStateDto>())!.RunId!.Value;
                await client.WaitForStateAsync("completed");
                var store = factory.Services.GetRequiredService<IRunStore>();
                before = [.. Enumerable.Range(0, 4).Select(e => store.GetWeights(runId, e)!)];
            }

            // Back to schema 1 as an older WebNet wrote it: snapshots as JSON text, no user_version.
            var database = Path.Combine(dataPath, "webnet.db");
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
            {
                connection.Open();
                Execute(connection, "DROP TABLE snapshots; CREATE TABLE snapshots (run_id INTEGER NOT NULL REFERENCES runs(id), epoch INTEGER NOT NULL, weights TEXT NOT NULL, PRIMARY KEY (run_id, epoch)); PRAGMA user_version = 0;");
                for (var e = 0; e < before.Length; e++)
                {
                    using var insert = connection.CreateCommand();
                    insert.CommandText = "INSERT INTO snapshots VALUES ($id, $epoch, $json);";
                    insert.Parameters.AddWithValue("$id", runId);
                    insert.Parameters.AddWithValue("$epoch", e);
                    insert.Parameters.AddWithValue("$json", JsonSerializer.Serialize(before[e], JsonSerializerOptions.Web));
                    insert.ExecuteNonQuery();
                }
            }

            using (var factory = new WebNetFactory(dataPath))
            {
                var client = factory.CreateClient();
                for (var e = 0; e < before.Length; e++)
                {
                    var after = (await client.GetFromJsonAsync<WeightsDto>($"/api/runs/{runId}/epochs/{e}/weights"))!;
                    Assert.Equal(before[e].Layers.Select(l => (l.Inputs, l.Outputs, l.Activation, l.Scale)), after.Layers.Select(l => (l.Inputs, l.Outputs, l.Activation, l.Scale)));
                    Assert.Equal(before[e].Layers.SelectMany(l => l.Weights), after.Layers.SelectMany(l => l.Weights));
                    Assert.Equal(before[e].Layers.SelectMany(l => l.Biases), after.Layers.SelectMany(l => l.Biases));
                }
            }

            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString()))
            {
                connection.Open();
                // Migrated through every version to the current one (3 added each epoch's drawings accuracy).
                Assert.Equal((long)WebNet.Web.Storage.Sqlite.SqliteSchema.Version, Scalar(connection, "PRAGMA user_version;"));
                Assert.Equal("REAL", Scalar(connection, "SELECT type FROM pragma_table_info('epochs') WHERE name = 'drawings_accuracy';"));
                Assert.Equal("blob", Scalar(connection, "SELECT DISTINCT typeof(weights) FROM snapshots;"));
                Assert.Equal("BLOB", Scalar(connection, "SELECT type FROM pragma_table_info('snapshots') WHERE name = 'weights';"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
