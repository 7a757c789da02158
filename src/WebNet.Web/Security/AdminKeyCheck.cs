using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WebNet.Web.Options;

namespace WebNet.Web.Security;

public enum AdminKeyVerdict
{
    Allowed,
    Missing,
    Wrong,
}

/// <summary>
/// Compares the caller's key with WebNet:AdminKey in constant time. REST calls send it as X-Admin-Key. Hub
/// connections may also send it as SignalR's access token: the Authorization: Bearer header (negotiate, long
/// polling) or, on a browser's WebSocket, which cannot carry headers, the access_token query, accepted for the hub
/// alone. Request URLs are kept out of the logs (RequestLogging), so that query is never written down.
/// </summary>
public sealed class AdminKeyCheck(IOptions<WebNetOptions> options)
{
    public const string HeaderName = "X-Admin-Key";
    public const string AccessTokenQuery = "access_token";

    public AdminKeyVerdict Check(HttpContext? context, bool hub)
    {
        var expected = options.Value.AdminKey;
        if (string.IsNullOrEmpty(expected))
        {
            return AdminKeyVerdict.Allowed;
        }

        string? given = context?.Request.Headers[HeaderName].FirstOrDefault();
        if (string.IsNullOrEmpty(given) && hub)
        {
            given = Bearer(context?.Request.Headers.Authorization.FirstOrDefault()) ?? context?.Request.Query[AccessTokenQuery].FirstOrDefault();
        }

        if (string.IsNullOrEmpty(given))
        {
            return AdminKeyVerdict.Missing;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)))
            ? AdminKeyVerdict.Allowed
            : AdminKeyVerdict.Wrong;
    }

    private static string? Bearer(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
}
