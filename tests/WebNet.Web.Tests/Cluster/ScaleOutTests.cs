using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using WebNet.Tests.Servers;
using WebNet.Web.Contracts;
using WebNet.Web.Hubs;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Cluster;

/// <summary>
/// Three replicas on one machine against a real redis-server and PostgreSQL (Debian's, started on loopback ports by
/// the tests): one trains, a dashboard on another sees every epoch, control sent anywhere reaches the trainer, all
/// answer classify with the trainer's model, and a killed trainer is replaced from its last completed epoch.
/// </summary>
public sealed class ScaleOutTests(PostgresFixture own) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task ControlSentToAFollowerReachesTheTrainerAndEveryReplicaAnswersWithTheSameModelWithinASecond()
    {
        using var replicas = await ReplicaSet.StartAsync(own.Server, 3);
        var (a, b, c) = (replicas[0], replicas[1], replicas[2]);
        await using var dashboard = await EpochRecorder.ConnectAsync(c.App.BaseAddress);

        // Start on B: B holds no lease, so it forwards; the answer is the trainer's (run id, running).
        var start = await b.Client.PostJsonAsync("/api/training/start", Rest.TinyRun);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var started = (await start.Content.ReadFromJsonAsync<RunStateDto>())!;
        Assert.Equal("running", started.State);
        var runId = started.RunId!.Value;

        var received = await dashboard.WaitForAsync(runId, 6);
        Assert.Equal(Enumerable.Range(0, received.Length), received.Select(e => e.Epoch));

        // Pause on C (REST), resume on B (the hub), pause again on C: each answered with the state the trainer reached.
        Assert.Equal("paused", await CommandAsync(c, "pause"));
        await using (var hub = new HubConnectionBuilder().WithUrl(new Uri(b.App.BaseAddress, HubExtensions.Path), o => o.Headers["X-Admin-Key"] = Replica.AdminKey).Build())
        {
            await hub.StartAsync();
            Assert.Equal("running", (await hub.InvokeAsync<RunStateDto>("Resume")).State);
        }

        var paused = await c.Client.PostAsync("/api/training/pause");
        var state = (await paused.Content.ReadFromJsonAsync<RunStateDto>())!;
        Assert.Equal(("paused", runId), (state.State, state.RunId!.Value));

        // Every replica shows the same run (followers re-read it when the trainer announces a change) and the same
        // history (the shared database), and A is the one that trained.
        foreach (var replica in new[] { a, b, c })
        {
            await Eventually.WaitAsync(() => replica.Client.StateAsync(), s => (s.RunId, s.State, s.Epoch) == (runId, "paused", state.Epoch), $"{replica} to show the paused run");
            Assert.Equal(Enumerable.Range(0, state.Epoch + 1), (await replica.Client.HistoryAsync()).Select(e => e.Epoch));
        }

        Assert.True(a.IsTrainer);
        Assert.False(b.IsTrainer || c.IsTrainer);
        Assert.Equal("stopped", await CommandAsync(b, "stop"));

        // The admin key is checked on every replica before anything is forwarded.
        using var anonymous = new HttpClient { BaseAddress = b.App.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/training/resume")).StatusCode);

        // A short run, started on C, ends at epoch 5: within a second of its end all three answer classify with that
        // model. Each replica's time is when the request that first saw it was sent, from when the epoch reached C's dashboard.
        var lastRun = await ReplicaSet.StartRunAsync(c, """{"hidden":[8],"batchSize":50,"learningRate":0.5,"epochs":5}""");
        await dashboard.WaitForAsync(lastRun, 6);
        var arrived = dashboard.ArrivalOf(lastRun, 5);
        var lags = await Task.WhenAll(new[] { a, b, c }.Select(async replica =>
        {
            var (sent, _) = await Eventually.WaitAsync(
                async () => (Stopwatch.GetTimestamp(), await replica.AnsweringModelAsync()),
                probe => probe.Item2 == (lastRun, 5),
                $"{replica} to answer with run {lastRun} epoch 5",
                TimeSpan.FromSeconds(10));
            return Stopwatch.GetElapsedTime(arrived, sent);
        }));
        Assert.All(lags, lag => Assert.True(lag < TimeSpan.FromSeconds(1), $"answered with the last epoch's model {string.Join(", ", lags.Select(l => $"{l.TotalMilliseconds:F0}"))} ms after it ended"));
    }

    [Fact]
    public async Task WhenTheTrainerIsKilledAnotherReplicaResumesWithinTenSecondsFromTheLastCompletedEpochWithAContiguousHistory()
    {
        using var replicas = await ReplicaSet.StartAsync(own.Server, 3);
        var (a, b, c) = (replicas[0], replicas[1], replicas[2]);

        var runId = await ReplicaSet.StartRunAsync(a);
        await b.Client.WaitForEpochsAsync(4);

        a.App.Kill();
        var clock = Stopwatch.StartNew();
        var atKill = await b.Client.HistoryAsync(); // nothing more is stored by A once it is dead
        var after = await Replica.WithOutputOnFailure(
            () => Eventually.WaitAsync(() => b.Client.HistoryAsync(), h => h.Length >= atKill.Length + 2, "the run to go on after the kill", TimeSpan.FromSeconds(10)), b, c);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed}");

        var successor = await Eventually.WaitAsync(() => Task.FromResult(new[] { b, c }.Where(r => r.IsTrainer).ToArray()), t => t.Length == 1, "one new trainer");
        var state = await successor[0].Client.StateAsync();
        Assert.Equal((runId, "running"), (state.RunId!.Value, state.State));

        // One history, 0..n, every row stored before the kill unchanged, nothing twice.
        Assert.Equal(Enumerable.Range(0, after.Length), after.Select(e => e.Epoch));
        Assert.Equal(atKill, after.Take(atKill.Length));
        Assert.Equal(after.Length, (await c.Client.HistoryAsync()).Take(after.Length).Count());
        await successor[0].Client.PostAsync("/api/training/stop");
    }

    private static async Task<string> CommandAsync(Replica replica, string command)
    {
        using var response = await replica.Client.PostAsync($"/api/training/{command}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunStateDto>())!.State;
    }
}
