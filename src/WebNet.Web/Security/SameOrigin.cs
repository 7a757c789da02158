namespace WebNet.Web.Security;

/// <summary>
/// Whether a request comes from this app's own page. Browsers say where a request comes from (Sec-Fetch-Site, and
/// Origin on every POST and WebSocket); a request naming another site is refused. Clients that send neither (curl,
/// the CLI, the .NET SignalR client) are not web pages a visitor was lured to, and pass.
/// </summary>
public static class SameOrigin
{
    public const string FetchSiteHeader = "Sec-Fetch-Site";

    /// <summary>Null when the request may pass, else why not, and the header that said so.</summary>
    public static (string Header, string Reason)? Refusal(HttpRequest request)
    {
        var site = request.Headers[FetchSiteHeader].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
        {
            return (FetchSiteHeader, $"The browser says this request came from another site ({FetchSiteHeader}: {site}); control calls are taken from this app's own page only.");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !Matches(origin, request))
        {
            return ("Origin", $"The request came from a page at '{origin}', not from this app ({request.Scheme}://{request.Host}); control calls are taken from this app's own page only.");
        }

        return null;
    }

    private static bool Matches(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !uri.Scheme.Equals(request.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false; // includes "null" (sandboxed frames, file: pages)
        }

        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return uri.Host.Equals(request.Host.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == port;
    }
}
