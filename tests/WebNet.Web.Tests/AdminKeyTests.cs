using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests;

public sealed class AdminKeyTests : IDisposable
{
    private const string Key = "correct-horse-battery";
    private readonly WebNetFactory _factory = new(adminKey: Key);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task RestControlNeedsTheKeyWith401WhenMissingAnd403WhenWrongWhileReadingNeedsNone()
    {
        var client = _factory.CreateClient();
        foreach (var command in new[] { "start", "pause", "resume", "stop" })
        {
            await AssertProblemAsync(await client.PostJsonAsync($"/api/training/{command}", Rest.TinyRun), HttpStatusCode.Unauthorized);
            await AssertProblemAsync(await client.PostJsonAsync($"/api/training/{command}", Rest.TinyRun, adminKey: "guess"), HttpStatusCode.Forbidden);
        }

        Assert.Equal("idle", (await client.StateAsync()).State);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/training/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/runs")).StatusCode);

        var start = await client.PostJsonAsync("/api/training/start", Rest.TinyRun, adminKey: Key);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var stop = await client.PostJsonAsync("/api/training/stop", "", adminKey: Key);
        Assert.Equal("stopped", (await stop.Content.ReadFromJsonAsync<RunStateDto>())!.State);
    }

    [Fact]
    public async Task HubControlNeedsTheKeyAsHeaderOrAccessTokenWhileListeningNeedsNone()
    {
        await using var anonymous = _factory.CreateHubConnection();
        var heard = new TaskCompletionSource<RunStateDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        anonymous.On<RunStateDto>("RunState", s => heard.TrySetResult(s));
        await anonymous.StartAsync();
        Assert.Equal("idle", (await heard.Task.WithTimeout("the state on connect")).State);
        var missing = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<RunStateDto>("Start", new StartRequest { Hidden = [8] }));
        Assert.Contains("401", missing.Message, StringComparison.Ordinal);

        await using var wrong = _factory.CreateHubConnection(adminKeyHeader: "guess");
        await wrong.StartAsync();
        var forbidden = await Assert.ThrowsAsync<HubException>(() => wrong.InvokeAsync<RunStateDto>("Stop"));
        Assert.Contains("403", forbidden.Message, StringComparison.Ordinal);
        Assert.Equal("idle", (await _factory.CreateClient().StateAsync()).State);

        // The old ?adminKey= query is no longer read: a key in a URL ends up in logs and proxies' histories.
        await using var byOldQuery = _factory.CreateHubConnection(query: "?adminKey=" + Key);
        await byOldQuery.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => byOldQuery.InvokeAsync<RunStateDto>("Start", new StartRequest { Hidden = [8] }));

        // A browser's WebSocket carries SignalR's access token in the query; the hub reads that one.
        await using var byAccessTokenQuery = _factory.CreateHubConnection(query: "?access_token=" + Key);
        await byAccessTokenQuery.StartAsync();
        var started = await byAccessTokenQuery.InvokeAsync<RunStateDto>("Start", new StartRequest { Hidden = [8], BatchSize = 50, Epochs = 100_000 });
        Assert.Equal("running", started.State);

        await using var byBearer = _factory.CreateHubConnection(accessToken: Key);
        await byBearer.StartAsync();
        Assert.Equal("paused", (await byBearer.InvokeAsync<RunStateDto>("Pause")).State);
        Assert.Equal("running", (await byBearer.InvokeAsync<RunStateDto>("Resume")).State);

        await using var byHeader = _factory.CreateHubConnection(adminKeyHeader: Key);
        await byHeader.StartAsync();
        Assert.Equal("stopped", (await byHeader.InvokeAsync<RunStateDto>("Stop")).State);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal((int)status, problem.Status);
        Assert.Contains("X-Admin-Key", problem.Detail, StringComparison.Ordinal);
    }
}
