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

/// <summary>Compares the caller's X-Admin-Key header (or adminKey query, for WebSockets) with WebNet:AdminKey in constant time.</summary>
public sealed class AdminKeyCheck(IOptions<WebNetOptions> options)
{
    public const string HeaderName = "X-Admin-Key";
    public const string QueryName = "adminKey";

    public AdminKeyVerdict Check(HttpContext? context, bool allowQuery)
    {
        var expected = options.Value.AdminKey;
        if (string.IsNullOrEmpty(expected))
        {
            return AdminKeyVerdict.Allowed;
        }

        string? given = context?.Request.Headers[HeaderName].FirstOrDefault();
        if (string.IsNullOrEmpty(given) && allowQuery)
        {
            given = context?.Request.Query[QueryName].FirstOrDefault();
        }

        if (string.IsNullOrEmpty(given))
        {
            return AdminKeyVerdict.Missing;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)))
            ? AdminKeyVerdict.Allowed
            : AdminKeyVerdict.Wrong;
    }
}
