using System.Net;
using System.Net.Http.Json;
using WebNet.Tests.Servers;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Cluster;

/// <summary>WebNet:Redis alone: the SignalR Redis backplane between app processes, against a real redis-server.</summary>
public sealed class BackplaneTests
{
    [Fact]
    public async Task ADashboardOnAnotherProcessReceivesEveryEpochTrainedOnTheFirstInOrderWithoutGaps()
    {
        using var redis = RedisServer.Start();
        var (pathA, pathB) = (WebNetFactory.NewDataPath(), WebNetFactory.NewDataPath());
        try
        {
            string[] backplane = [$"--WebNet:Redis={redis.ConnectionString}"];
            using var trainer = AppProcess.Start(pathA, autoStart: false, backplane);
            using var other = AppProcess.Start(pathB, autoStart: false, backplane);
            using var trainerClient = await trainer.ReadyAsync();
            using var otherClient = await other.ReadyAsync();
            await using var dashboard = await EpochRecorder.ConnectAsync(other.BaseAddress);

            var start = await trainerClient.PostJsonAsync("/api/training/start", Rest.TinyRun);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            var runId = (await start.Content.ReadFromJsonAsync<RunStateDto>())!.RunId!.Value;
            var received = await dashboard.WaitForAsync(runId, 8);
            await trainerClient.PostAsync("/api/training/stop");

            Assert.Equal(Enumerable.Range(0, received.Length), received.Select(e => e.Epoch));
            var stored = await trainerClient.HistoryAsync();
            Assert.Equal(stored.Take(received.Length).Select(e => e.TestAccuracy), received.Select(e => e.TestAccuracy));
            Assert.All(received, e => Assert.NotNull(e.Weights));

            // The other process trains nothing of its own: what its dashboard saw came through Redis.
            Assert.Null((await otherClient.StateAsync()).RunId);
            // Not ready as a whole (it has no model of its own), but its Redis check is healthy.
            var ready = await (await otherClient.GetAsync("/health/ready")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        }
        finally
        {
            Directory.Delete(pathA, recursive: true);
            Directory.Delete(pathB, recursive: true);
        }
    }
}
