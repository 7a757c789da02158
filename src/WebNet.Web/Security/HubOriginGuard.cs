using Microsoft.AspNetCore.Mvc;

namespace WebNet.Web.Security;

/// <summary>
/// Refuses a hub request (negotiate, WebSocket, long polling, server-sent events) that a browser says comes from
/// another site, before SignalR sees it: a page elsewhere can open a WebSocket to any address, and browsers apply
/// no same-origin rule to WebSockets.
/// </summary>
public static class HubOriginGuard
{
    public static WebApplication UseHubOriginGuard(this WebApplication app, PathString hubPath)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(hubPath) && SameOrigin.Refusal(context.Request) is { } refusal)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Cross-site connection refused",
                        Detail = refusal.Reason.Replace("control calls are", "the hub is", StringComparison.Ordinal),
                        Extensions = { ["header"] = refusal.Header },
                    },
                });
                return;
            }

            await next(context);
        });
        return app;
    }
}
