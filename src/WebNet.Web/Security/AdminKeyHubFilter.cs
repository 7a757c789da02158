using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace WebNet.Web.Security;

/// <summary>Guards hub methods marked [RequiresAdminKey]; the key comes with the connection's requests (X-Admin-Key, or SignalR's access token).</summary>
public sealed class AdminKeyHubFilter(AdminKeyCheck check) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.HubMethod.GetCustomAttribute<RequiresAdminKeyAttribute>() is not null)
        {
            switch (check.Check(invocationContext.Context.GetHttpContext(), hub: true))
            {
                case AdminKeyVerdict.Missing:
                    throw new HubException($"401 Unauthorized: this method controls training; connect with the {AdminKeyCheck.HeaderName} header or the key as the access token.");
                case AdminKeyVerdict.Wrong:
                    throw new HubException("403 Forbidden: the admin key does not match.");
                default:
                    break;
            }
        }

        return await next(invocationContext);
    }
}
