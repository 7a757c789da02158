using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests;

public sealed class TrainingBudgetTests : IDisposable
{
    private const string Huge = """{"hidden":[4096,4096,4096,4096,4096,4096,4096,4096],"batchSize":60000,"epochs":100000}""";
    private readonly WebNetFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AStartOverTheBudgetAnswers422SayingWhatItNeedsAndNamingHiddenBatchSizeAndEpochs()
    {
        var client = _factory.CreateClient();
        var response = await client.PostJsonAsync("/api/training/start", Huge);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Equal(["batchSize", "epochs", "hidden"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("GiB of memory", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("WebNet:Budget:MaxTrainingBytes", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("budget allows 1 GiB", problem.Errors["batchSize"][0], StringComparison.Ordinal);
        Assert.Equal("idle", (await client.StateAsync()).State);
    }

    [Fact]
    public async Task TheHubsStartIsCheckedAgainstTheSameBudget()
    {
        await using var hub = _factory.CreateHubConnection();
        await hub.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<RunStateDto>("Start", new StartRequest { Hidden = [4096, 4096, 4096, 4096], BatchSize = 60_000 }));
        Assert.Contains("Over budget (hidden, batchSize, epochs)", refused.Message, StringComparison.Ordinal);
        Assert.Equal("idle", (await _factory.CreateClient().StateAsync()).State);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("fast")]
    [InlineData("robust")]
    public async Task EveryPresetIsAccepted(string preset)
    {
        var client = _factory.CreateClient();
        var start = await client.PostJsonAsync("/api/training/start", $$"""{"preset":"{{preset}}"}""");
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/training/stop")).StatusCode);
    }

    [Fact]
    public async Task AConfiguredBudgetIsTheOneApplied()
    {
        _factory.Settings["WebNet:Budget:MaxTrainingBytes"] = "1048576";
        var client = _factory.CreateClient();
        var response = await client.PostJsonAsync("/api/training/start", """{"preset":"seed"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("budget allows 1 MiB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/training/start", Rest.TinyRun)).StatusCode);
        await client.PostAsync("/api/training/stop");
    }

    [Fact]
    public void ABudgetBelowOneMebibyteStopsTheAppAtStart()
    {
        _factory.Settings["WebNet:Budget:MaxSnapshotBytes"] = "0";
        var error = Assert.ThrowsAny<Exception>(() => _factory.CreateClient());
        Assert.Contains("MaxSnapshotBytes", error.ToString(), StringComparison.Ordinal);
    }
}
