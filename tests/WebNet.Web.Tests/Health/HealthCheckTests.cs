using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebNet.Core.Serialization;
using WebNet.Web.Models;
using WebNet.Web.Tests.Api;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Health;

public sealed class HealthCheckTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    [Fact]
    public async Task LiveAnswersAtOnceAndReadyIsNotReadyUntilAModelExists()
    {
        var factory = Own(new WebNetFactory());
        var client = factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (await ReadAsync(live)).RootElement.GetProperty("status").GetString());

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = (await ReadAsync(ready)).RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("model").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("disk").GetProperty("status").GetString());

        factory.Services.GetRequiredService<ModelStore>().Publish(TestImages.Network(), new ModelInfo(ModelInfo.FromImport, null, null, null, null, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task ATruncatedDatabaseIsNamedAtStartUpAndTheAppStillClassifiesWithAnImportedModelWhileNotReady()
    {
        var dataPath = WebNetFactory.NewDataPath();
        using (var first = new WebNetFactory(dataPath))
        {
            var client = first.CreateClient();
            await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":3}""");
            await client.WaitForStateAsync("completed");
        }

        var database = Path.Combine(dataPath, "webnet.db");
        var length = new FileInfo(database).Length;
        Assert.True(length > 16 * 1024, $"{length} bytes");
        using (var file = File.Open(database, FileMode.Open))
        {
            file.SetLength(length / 2);
        }

        var logs = new CapturingLoggerProvider();
        var factory = Own(new WebNetFactory(dataPath));
        Own(new DeleteFolder(dataPath));
        var app = Own(factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs))));
        var broken = app.CreateClient();

        var message = Assert.Single(logs.Messages, m => m.Level == LogLevel.Critical).Text;
        Assert.Contains(database, message, StringComparison.Ordinal);
        Assert.Contains("corrupt", message, StringComparison.Ordinal);

        var ready = await broken.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var db = (await ReadAsync(ready)).RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Unhealthy", db.GetProperty("status").GetString());
        Assert.Contains(database, db.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await broken.GetAsync("/health/live")).StatusCode);

        var runs = await broken.GetAsync("/api/runs");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, runs.StatusCode);
        Assert.Contains(database, (await runs.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
        var start = await broken.PostJsonAsync("/api/training/start", Rest.TinyRun);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);

        var import = new ByteArrayContent(ModelJson.Serialize(new ModelDocument(TestImages.Network(), ModelInput.Mnist)));
        import.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Equal(HttpStatusCode.OK, (await broken.PutAsync("/api/model", import)).StatusCode);
        var drawing = new ByteArrayContent(TestImages.SevenPng());
        drawing.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal(HttpStatusCode.OK, (await broken.PostAsync("/api/classify", drawing)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await broken.GetAsync("/health/ready")).StatusCode);
    }

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Insert(0, owned);
        return owned;
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    private sealed class DeleteFolder(string path) : IDisposable
    {
        public void Dispose() => Directory.Delete(path, recursive: true);
    }
}
