namespace WebNet.Web.Security;

/// <summary>
/// Guards every call that changes state: refused (403) when a browser says it comes from another site, and (415)
/// unless it says Content-Type: application/json. A page elsewhere can send a form or a text/plain body without
/// asking; a JSON body from another origin needs a CORS preflight, which this app never grants.
/// </summary>
public sealed class ControlRequestFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (SameOrigin.Refusal(request) is { } refusal)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Cross-site request refused",
                detail: refusal.Reason,
                extensions: new Dictionary<string, object?> { ["header"] = refusal.Header });
        }

        if (!request.HasJsonContentType())
        {
            var sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Control calls take application/json",
                detail: $"Send the header Content-Type: application/json (with an empty body where the call takes none); this request sent {sent}.",
                extensions: new Dictionary<string, object?> { ["header"] = "Content-Type" });
        }

        return await next(context);
    }
}
