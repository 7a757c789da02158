using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Security;

public sealed class AdminKeyLoggingTests : IDisposable
{
    private const string Key = "never-log-me-7f3a";
    private readonly CapturingLoggerProvider _logs = new();
    private readonly WebNetFactory _factory = new(adminKey: Key);

    public AdminKeyLoggingTests()
    {
        _factory.Settings["Logging:LogLevel:Default"] = "Trace";
        _factory.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        _factory.Settings["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace";
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheAdminKeyAppearsInNoLogAtTraceLevelWhereverTheCallerPutIt()
    {
        using var app = _factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(_logs)));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/training/start", Rest.TinyRun, adminKey: Key)).StatusCode);

        // A key in a REST URL is not read (401), and not written down either.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/training/stop?adminKey=" + Key, "")).StatusCode);

        // The hub with the key as the WebSocket-style access_token query, then as a Bearer header.
        await using var byQuery = CreateHub(app, "?access_token=" + Key, accessToken: null);
        await byQuery.StartAsync();
        Assert.Equal("paused", (await byQuery.InvokeAsync<RunStateDto>("Pause")).State);
        await using var byBearer = CreateHub(app, "", accessToken: Key);
        await byBearer.StartAsync();
        Assert.Equal("stopped", (await byBearer.InvokeAsync<RunStateDto>("Stop")).State);

        var messages = _logs.Messages.ToArray();
        Assert.Contains(messages, m => m.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && m.Level <= LogLevel.Debug);
        Assert.Contains(messages, m => m.Text.Contains("/api/training/start", StringComparison.Ordinal)); // requests are still logged, by path
        Assert.Contains(messages, m => m.Text.Contains("/hubs/training", StringComparison.Ordinal));
        var leaks = messages.Where(m => m.Text.Contains(Key, StringComparison.Ordinal)).Select(m => $"{m.Category}: {m.Text}").ToArray();
        Assert.True(leaks.Length == 0, "the key was logged:\n" + string.Join("\n", leaks));
    }

    private static HubConnection CreateHub(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string query, string? accessToken) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/training" + query), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                if (accessToken is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                }
            })
            .Build();
}
