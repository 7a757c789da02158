using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WebNet.Web.Api;

/// <summary>
/// Reads a request body into memory up to a cap, so an endpoint can answer 413 itself on every server. The body is
/// gathered as it arrives in buffers rented from the shared pool, which grow with what has arrived: a client that
/// declares a large Content-Length and sends ten bytes holds one small pooled buffer, not an array of the declared size.
/// </summary>
public static class RequestBody
{
    private const int FirstBufferBytes = 16 * 1024;

    /// <summary>The body, or null when it is longer than limit bytes (by its Content-Length, by what arrives, or by the server's own limit).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // The server's own cap (WebNet:Limits:MaxRequestBodyBytes) must not cut a larger allowed body short.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size && size.MaxRequestBodySize < limit + 1L)
        {
            size.MaxRequestBodySize = limit + 1L;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // Grow by doubling (bounded by the limit): what arrived decides the size, never the declaration.
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    return buffer.AsSpan(0, filled).ToArray();
                }

                filled += read;
                if (filled > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The 413 answer, with the limit in words.</summary>
    public static ProblemHttpResult TooLarge(long limit, string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"{what} may be at most {limit} bytes ({limit / 1024} KiB).");
}
