using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WebNet.Web.Api;

/// <summary>Reads a request body into memory up to a cap, so an endpoint can answer 413 itself on every server.</summary>
public static class RequestBody
{
    /// <summary>The body, or null when it is longer than limit bytes (by its Content-Length or by what arrives).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Kestrel's own cap (30 MB by default) must not cut a larger allowed body short.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size && size.MaxRequestBodySize < limit + 1L)
        {
            size.MaxRequestBodySize = limit + 1L;
        }

        // A declared length (what browsers and load tools send) is read straight into an array of that size; otherwise
        // pooled chunks are gathered, so a request allocates little beyond the body itself.
        if (request.ContentLength is { } declared)
        {
            var exact = new byte[declared];
            var total = 0;
            try
            {
                int read;
                while (total < exact.Length && (read = await request.Body.ReadAsync(exact.AsMemory(total), cancellationToken)) > 0)
                {
                    total += read;
                }
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return null;
            }

            return total == exact.Length ? exact : exact[..total];
        }

        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>The 413 answer, with the limit in words.</summary>
    public static ProblemHttpResult TooLarge(int limit, string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"{what} may be at most {limit} bytes ({limit / 1024} KiB).");
}
