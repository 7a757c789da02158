using Microsoft.AspNetCore.Diagnostics;
using WebNet.Web.Storage;

namespace WebNet.Web.Api;

/// <summary>
/// A request that needs the run database while it cannot be used (IRunStore.Fault, logged at start-up naming the file)
/// is answered 503 ProblemDetails saying so; the endpoints that do not need it (classify, explain, import) go on.
/// </summary>
public sealed class StorageUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException unavailable || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The run database cannot be used",
                Detail = unavailable.Message,
            },
        });
    }
}
