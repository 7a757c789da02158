using System.Reflection;

namespace WebNet.Web.Options;

/// <summary>
/// The web root is the repository's top-level wwwroot/, recorded at build time. The standard
/// 'webroot' setting (--webroot, ASPNETCORE_WEBROOT) overrides it; a published app whose build tree is
/// gone falls back to wwwroot/ beside it (the Docker image copies it there).
/// </summary>
public static class WebRootLocator
{
    public static string? Resolve(string[] args)
    {
        var configured = new ConfigurationBuilder()
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.WebRootKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var root = typeof(WebRootLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "WebNetRoot")?.Value;
        var recorded = string.IsNullOrEmpty(root) ? null : Path.Combine(root, "wwwroot");
        return recorded is not null && Directory.Exists(recorded) ? recorded : null;
    }
}
