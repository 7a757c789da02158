using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests;

public sealed class AppTests : IDisposable
{
    private readonly WebNetFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task HealthAnswersWithTheTrainingState()
    {
        using var health = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/health"));
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("idle", health.RootElement.GetProperty("training").GetString());
    }

    [Fact]
    public async Task TheSwaggerDocumentNamesAndSummarisesEveryEndpointWithTypedResponses()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Op: op.Value)))
            .ToList();

        Assert.Contains(operations, o => o.Path == "/api/training/start");
        Assert.Contains(operations, o => o.Path == "/health");
        Assert.True(operations.Count >= 10, $"{operations.Count} operations");
        foreach (var (path, op) in operations)
        {
            Assert.False(string.IsNullOrEmpty(op.GetProperty("operationId").GetString()), path);
            Assert.False(string.IsNullOrEmpty(op.GetProperty("summary").GetString()), path);
            var success = op.GetProperty("responses").EnumerateObject().First(r => r.Name.StartsWith('2'));
            Assert.True(success.Value.TryGetProperty("content", out _), $"{path} has no typed success response");
        }
    }

    [Fact]
    public async Task TheWebRootIsTheRepositoryWwwrootWithTheSignalRClientCopiedFromNpm()
    {
        var response = await _factory.CreateClient().GetAsync("/lib/signalr.min.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("signalR", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRootServesTheDashboardPageFromTheWebRoot()
    {
        var response = await _factory.CreateClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownPathsGetProblemDetails()
    {
        var response = await _factory.CreateClient().GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void AnInvalidConfigurationStopsTheAppAtStartUp()
    {
        using var factory = new WebNetFactory();
        factory.Settings["WebNet:DataPath"] = "";
        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("DataPath", failure.Message, StringComparison.Ordinal);
    }
}
