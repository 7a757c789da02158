using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Web.Models;

namespace WebNet.Web.Api;

/// <summary>The answers every endpoint that needs a model gives when there is none: built here once.</summary>
public static class ModelProblems
{
    /// <summary>Seconds a client should wait before asking again when no model is published yet.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>503 "No model yet" with Retry-After.</summary>
    public static ProblemHttpResult NoModel(HttpResponse response, string? detail = null, string title = "No model yet")
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail ?? ModelStore.NoModelDetail);
    }
}
