namespace WebNet.Web.Security;

/// <summary>Guards the REST control calls: 401 without a key, 403 with a wrong one, as ProblemDetails.</summary>
public sealed class AdminKeyEndpointFilter(AdminKeyCheck check) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        check.Check(context.HttpContext, hub: false) switch
        {
            AdminKeyVerdict.Missing => TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Admin key required",
                detail: $"This call controls training; send the admin key in the {AdminKeyCheck.HeaderName} header."),
            AdminKeyVerdict.Wrong => TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Wrong admin key",
                detail: $"The {AdminKeyCheck.HeaderName} header does not match the configured admin key."),
            _ => await next(context),
        };
}
