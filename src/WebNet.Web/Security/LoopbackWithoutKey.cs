using System.Net;

namespace WebNet.Web.Security;

/// <summary>
/// With no WebNet:AdminKey, anyone who reaches the port controls training, so the app then listens on loopback only:
/// every address it was told to listen on (urls, http_ports/https_ports, Kestrel:Endpoints) that is not loopback
/// ("+", "*", 0.0.0.0, a LAN address, a host name) becomes localhost on the same port, and a warning at start says so.
/// Setting a key lifts the restriction; the compose file requires one.
/// </summary>
public static partial class LoopbackWithoutKey
{
    public static WebApplicationBuilder ListenOnLoopbackUnlessAdminKeySet(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!string.IsNullOrEmpty(configuration["WebNet:AdminKey"]))
        {
            return builder;
        }

        var moved = new List<(string From, string To)>();
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
        {
            // Kestrel's own fallback (http_ports, as the ASP.NET container images set) binds every interface.
            var ports = Ports(configuration["http_ports"], "http").Concat(Ports(configuration["https_ports"], "https")).ToList();
            urls = ports.Count > 0 ? string.Join(';', ports) : null;
        }

        if (urls is not null)
        {
            var rewritten = string.Join(';', urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => Loopback(u, moved)));
            builder.WebHost.UseUrls(rewritten);
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { } url)
            {
                configuration[$"Kestrel:Endpoints:{endpoint.Key}:Url"] = Loopback(url, moved);
            }
        }

        builder.Services.AddHostedService(sp => new Notice(moved, sp.GetRequiredService<ILogger<Notice>>()));
        return builder;
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");

    private static string Loopback(string url, List<(string From, string To)> moved)
    {
        var address = BindingAddress.Parse(url);
        if (address.IsUnixPipe || address.Host == "localhost" || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
        {
            return url;
        }

        var loopback = $"{address.Scheme}://localhost:{address.Port}{address.PathBase}";
        moved.Add((url, loopback));
        return loopback;
    }

    /// <summary>Says at start-up where the app listens and why, once the logging is up.</summary>
    internal sealed partial class Notice(List<(string From, string To)> moved, ILogger<Notice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (moved.Count > 0)
            {
                LoopbackOnly(logger, string.Join(", ", moved.Select(m => m.To)), string.Join(", ", moved.Select(m => m.From)));
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "No WebNet:AdminKey is set, so anyone who can reach the app could control training: it listens on loopback only, {Loopback} instead of {Asked}. Set WebNet:AdminKey (sent as X-Admin-Key) to serve other hosts")]
        private static partial void LoopbackOnly(ILogger logger, string loopback, string asked);
    }
}
