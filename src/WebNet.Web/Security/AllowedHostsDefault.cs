namespace WebNet.Web.Security;

/// <summary>
/// AllowedHosts is loopback unless something configures it: appsettings.json says so too, but it is read from the
/// content root (the folder the app starts in), so `dotnet path/to/WebNet.Web.dll` started elsewhere would otherwise
/// answer any Host header (DNS rebinding). Any configuration source (appsettings, environment, arguments) still wins.
/// </summary>
public static class AllowedHostsDefault
{
    public const string Loopback = "localhost;127.0.0.1;[::1]";

    public static WebApplicationBuilder AllowLoopbackHostsUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["AllowedHosts"]))
        {
            builder.Configuration["AllowedHosts"] = Loopback;
        }

        return builder;
    }
}
