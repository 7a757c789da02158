using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebNet.Tests.Servers;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Cluster;

/// <summary>
/// Redis or PostgreSQL stopped under running replicas: they stay up, say not ready, answer control 503, keep
/// classifying, and recover by themselves. The class has a PostgreSQL server of its own, so stopping it touches no other test.
/// </summary>
public sealed class OutageTests(PostgresFixture own) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task WithRedisStoppedReplicasStayUpNotReadyAnswerControlWith503KeepClassifyingAndRecoverWhenItReturns()
    {
        using var replicas = await ReplicaSet.StartAsync(own.Server, 2);
        var (a, b, redis) = (replicas[0], replicas[1], replicas.Redis);
        var runId = await ReplicaSet.StartRunAsync(b);
        await b.Client.WaitForEpochsAsync(3);
        Assert.Equal("paused", (await (await b.Client.PostAsync("/api/training/pause")).Content.ReadFromJsonAsync<RunStateDto>())!.State);
        var model = await Eventually.WaitAsync(b.AnsweringModelAsync, m => m?.RunId == runId, "B to answer with the run's model");

        redis.Stop();
        foreach (var replica in new[] { a, b })
        {
            await Eventually.WaitAsync(() => ReadyAsync(replica), r => r.Status == HttpStatusCode.ServiceUnavailable && r.Check == "Unhealthy", $"{replica} not ready");
            Assert.Equal(HttpStatusCode.OK, (await replica.Client.GetAsync("/health")).StatusCode);
        }

        using (var refused = await b.Client.PostAsync("/api/training/resume"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("No trainer reachable", problem.GetProperty("title").GetString());
            Assert.Contains("Redis", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(model, await b.AnsweringModelAsync());

        // A replica that starts during the outage joins once Redis is back.
        var c = await replicas.AddAsync();
        redis.StartAgain();
        foreach (var replica in new[] { a, b, c })
        {
            await Eventually.WaitAsync(() => ReadyAsync(replica), r => r.Status == HttpStatusCode.OK, $"{replica} ready again");
        }

        // Control through B and C reaches the trainer again once they have reconnected and renewed their subscriptions.
        var resumed = await Eventually.WaitAsync(() => b.Client.PostAsync("/api/training/resume"), r => r.StatusCode == HttpStatusCode.OK, "resume through B after Redis returned");
        Assert.Equal("running", (await resumed.Content.ReadFromJsonAsync<RunStateDto>())!.State);
        var paused = await Eventually.WaitAsync(() => c.Client.PostAsync("/api/training/pause"), r => r.StatusCode == HttpStatusCode.OK, "pause through C, started during the outage");
        Assert.Equal("paused", (await paused.Content.ReadFromJsonAsync<RunStateDto>())!.State);
        await b.Client.PostAsync("/api/training/stop");
    }

    [Fact]
    public async Task WithPostgresStoppedReplicasStayUpNotReadyAnswerControlWith503KeepClassifyingAndTheRunGoesOnWhenItReturns()
    {
        using var replicas = await ReplicaSet.StartAsync(own.Server, 2);
        var (a, b) = (replicas[0], replicas[1]);
        var runId = await ReplicaSet.StartRunAsync(b);
        await b.Client.WaitForEpochsAsync(3);
        await Eventually.WaitAsync(b.AnsweringModelAsync, m => m?.RunId == runId, "B to answer with the run's model");

        own.Server.Stop();
        try
        {
            foreach (var replica in new[] { a, b })
            {
                await Eventually.WaitAsync(() => ReadyAsync(replica, "postgres"), r => r.Status == HttpStatusCode.ServiceUnavailable && r.Check == "Unhealthy", $"{replica} not ready");
                Assert.Equal(HttpStatusCode.OK, (await replica.Client.GetAsync("/health")).StatusCode);

                // The trainer's lease went with its session: nobody trains, so control is refused everywhere, saying why.
                using var refused = await Eventually.WaitAsync(() => replica.Client.PostAsync("/api/training/pause"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, $"{replica} to refuse control");
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
                Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
                Assert.Equal(runId, (await replica.AnsweringModelAsync())?.RunId);
            }
        }
        finally
        {
            own.Server.StartAgain();
        }

        foreach (var replica in new[] { a, b })
        {
            await Eventually.WaitAsync(() => ReadyAsync(replica, "postgres"), r => r.Status == HttpStatusCode.OK, $"{replica} ready again");
        }

        // A replica takes the lease again and the run goes on from its last stored epoch, one contiguous history.
        var before = await b.Client.HistoryAsync();
        var after = await Eventually.WaitAsync(() => b.Client.HistoryAsync(), h => h.Length >= before.Length + 2, "the run to go on after PostgreSQL returned");
        Assert.Equal(Enumerable.Range(0, after.Length), after.Select(e => e.Epoch));
        var state = await b.Client.StateAsync();
        Assert.Equal((runId, "running"), (state.RunId!.Value, state.State));
        await b.Client.PostAsync("/api/training/stop");
    }

    private static async Task<(HttpStatusCode Status, string? Check)> ReadyAsync(Replica replica, string check = "redis")
    {
        using var response = await replica.Client.GetAsync("/health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("checks").TryGetProperty(check, out var entry) ? entry.GetProperty("status").GetString() : null);
    }
}
