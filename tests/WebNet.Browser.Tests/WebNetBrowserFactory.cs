using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Web.Training;

namespace WebNet.Browser.Tests;

/// <summary>
/// The app on a free loopback port (Kestrel, so a real browser can reach it), training on the small
/// synthetic dataset, with its SQLite database in a fresh temporary folder and no auto-started run;
/// control calls need the admin key when one is given.
/// </summary>
public sealed class WebNetBrowserFactory : WebApplicationFactory<Program>
{
    private readonly string? _adminKey;

    public WebNetBrowserFactory(string? adminKey = null)
    {
        _adminKey = adminKey;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string DataPath { get; } = Directory.CreateTempSubdirectory("webnet-browser-").FullName;

    /// <summary>Starts the server on first use and returns where it listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            return new Uri(addresses.Addresses.First().TrimEnd('/') + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("WebNet:DataPath", DataPath);
        builder.UseSetting("WebNet:Training:AutoStart", "false");
        builder.UseSetting("WebNet:AdminKey", _adminKey ?? string.Empty);
        // More images than the default 300 so an epoch takes a moment: runs stay observable without
        // a database write every few milliseconds.
        builder.ConfigureTestServices(services =>
            services.AddSingleton<IDatasetProvider>(new SyntheticDatasetProvider(trainCount: 2000, testCount: 200)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (SQLite pool) only leaves a temp folder behind.
        }
    }
}
