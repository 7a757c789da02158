using Microsoft.AspNetCore.HttpLogging;

namespace WebNet.Web.Security;

/// <summary>
/// Request logs without query strings. ASP.NET Core's hosting diagnostics log every request's full URL, query
/// included, at Information and Debug, and a browser's hub WebSocket carries the admin key in ?access_token=.
/// Those lines are switched off below Warning whatever the configuration says (a rule added after the configured
/// ones wins for the same category), and HTTP logging writes the method, path, status and duration instead.
/// </summary>
public static class RequestLogging
{
    public const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static WebApplicationBuilder AddRequestLoggingWithoutQueries(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter(HostingDiagnostics, LogLevel.Warning);
        builder.Services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestProtocol
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        return builder;
    }
}
