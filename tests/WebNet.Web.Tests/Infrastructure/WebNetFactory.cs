using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Core.Training;
using WebNet.Web.Training;

namespace WebNet.Web.Tests.Infrastructure;

/// <summary>
/// The app on a test server with a tiny synthetic dataset (300 train / 100 test images), a single-threaded
/// CPU backend and its own data folder (deleted on dispose unless the test passed one in to reuse it).
/// </summary>
public sealed class WebNetFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDataPath;
    private readonly string? _adminKey;
    private readonly bool _autoStart;

    public WebNetFactory(string? dataPath = null, string? adminKey = null, bool autoStart = false, ITrainingBackendFactory? backends = null)
    {
        _ownsDataPath = dataPath is null;
        DataPath = dataPath ?? NewDataPath();
        _adminKey = adminKey;
        _autoStart = autoStart;
        Backends = backends ?? new TestBackendFactory();
    }

    public string DataPath { get; }

    public ITrainingBackendFactory Backends { get; }

    /// <summary>Extra configuration, applied over the defaults above.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public static string NewDataPath() => Directory.CreateTempSubdirectory("webnet-test-").FullName;

    /// <summary>A SignalR client over the test server (long polling), optionally sending the admin key as a header or as the access token.</summary>
    public HubConnection CreateHubConnection(string? adminKeyHeader = null, string? query = null, bool messagePack = false, string? accessToken = null)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/training" + query), options =>
            {
                options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                if (adminKeyHeader is not null)
                {
                    options.Headers["X-Admin-Key"] = adminKeyHeader;
                }

                if (accessToken is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                }
            });
        return (messagePack ? builder.AddMessagePackProtocol() : builder).Build();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("WebNet:DataPath", DataPath);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("WebNet:AdminKey", _adminKey ?? "");
        builder.UseSetting("WebNet:Training:AutoStart", _autoStart ? "true" : "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IDatasetProvider>(new SyntheticDatasetProvider());
            services.AddSingleton(Backends);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataPath && Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
