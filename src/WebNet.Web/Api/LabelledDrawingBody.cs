using Microsoft.AspNetCore.Http.HttpResults;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace WebNet.Web.Api;

/// <summary>What POST /api/drawings and the import keep of a drawing: the PNG as it came, and the network's input as bytes.</summary>
internal static class LabelledDrawingBody
{
    /// <summary>The drawing as it came: a PNG body as is, a form's image file, JSON pixels as a grey PNG (white ink on black).</summary>
    public static async Task<byte[]> PngAsSentAsync(HttpRequest request, byte[] sent, CancellationToken cancellationToken)
    {
        var type = request.ContentType ?? "";
        if (type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var form = await request.ReadFormAsync(cancellationToken);
            using var copy = new MemoryStream();
            await form.Files[DrawingReader.ImageField]!.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }

        if (request.HasJsonContentType())
        {
            var read = await DrawingReader.ReadAsync(request, cancellationToken);
            var grid = read.Grid!;
            using var image = new Image<L8>(grid.Width, grid.Height);
            for (var y = 0; y < grid.Height; y++)
            {
                for (var x = 0; x < grid.Width; x++)
                {
                    image[x, y] = new L8((byte)MathF.Round(Math.Clamp(grid[x, y], 0f, 1f) * 255f));
                }
            }

            using var png = new MemoryStream();
            await image.SaveAsPngAsync(png, cancellationToken);
            return png.ToArray();
        }

        return sent;
    }

    public static byte[] Bytes(float[] input)
    {
        var bytes = new byte[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            bytes[i] = (byte)MathF.Round(Math.Clamp(input[i], 0f, 1f) * 255f);
        }

        return bytes;
    }
}
