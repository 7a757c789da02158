using Microsoft.AspNetCore.Diagnostics;

namespace WebNet.Web.Api;

/// <summary>
/// A request the server itself refuses while a handler reads it (Kestrel's body limit: 413; a body that stops short or
/// arrives too slowly: 400/408) is answered with that status as ProblemDetails, not as a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is over the server's limit (WebNet:Limits:MaxRequestBodyBytes)."
                    : bad.Message,
            },
        });
    }
}
