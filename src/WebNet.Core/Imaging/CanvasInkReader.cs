using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

namespace WebNet.Core.Imaging;

/// <summary>
/// The fast path from PNG bytes to ink for POST /api/classify: the same ink as <see cref="InkExtractor"/> gives (the
/// same border medians and per-pixel formulas), but read from the decoder's pooled rows, and only over the rectangle
/// that differs from the background, which a canvas mostly is. No canvas-sized array is allocated, so a 280x280
/// request no longer puts a 313 KB RGBA copy and a 313 KB float grid on the large object heap.
/// </summary>
public static class CanvasInkReader
{
    /// <summary>Decodes a PNG (as <see cref="PngImageDecoder.Load"/>, same checks and errors) and crops it to its possible ink.</summary>
    public static InkCrop Read(byte[] png, out InkConvention convention)
    {
        using var image = PngImageDecoder.Load(png);
        return Extract(image, out convention);
    }

    /// <summary>b / 255f for every byte b: the same floats as the division, looked up.</summary>
    private static readonly float[] ByteToUnit = [.. Enumerable.Range(0, 256).Select(b => b / 255f)];

    /// <summary>The image's possible ink as a pooled crop; the caller disposes it.</summary>
    public static InkCrop Extract(Image<Rgba32> image, out InkConvention convention)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rows = new PixelRows(image);
        var ink = InkFormula.Of(rows);
        convention = ink.Convention;

        // Pixels bit-identical to a background pixel with no ink need no arithmetic: a vectorised search skips them, and
        // the rectangle around the rest is all that can hold ink. A corner with ink (rare) disables the shortcut.
        var corner = rows[0][0];
        var skip = ink.Of(corner) == 0f ? corner.PackedValue : (uint?)null;
        int x0 = image.Width, y0 = image.Height, x1 = -1, y1 = -1;
        for (var y = 0; y < image.Height; y++)
        {
            var row = MemoryMarshal.Cast<Rgba32, uint>(rows[y]);
            var first = skip is { } s ? row.IndexOfAnyExcept(s) : 0;
            if (first < 0)
            {
                continue;
            }

            var last = skip is { } t ? row.LastIndexOfAnyExcept(t) : row.Length - 1;
            (x0, x1, y0, y1) = (Math.Min(x0, first), Math.Max(x1, last), Math.Min(y0, y), y);
        }

        if (x1 < 0)
        {
            // Nothing but background: a single empty pixel says so (a blank drawing).
            var blank = InkCrop.Rent(1, 1, 0, 0, image.Width, image.Height, out var none);
            none[0] = 0f;
            return blank;
        }

        var (cw, ch) = (x1 - x0 + 1, y1 - y0 + 1);
        var crop = InkCrop.Rent(cw, ch, x0, y0, image.Width, image.Height, out var values);
        var background = skip ?? 0u;
        for (var y = 0; y < ch; y++)
        {
            var row = rows[y0 + y].Slice(x0, cw);
            var dst = values.Slice(y * cw, cw);
            if (ink.Convention == InkConvention.Alpha)
            {
                AlphaToUnit(MemoryMarshal.Cast<Rgba32, uint>(row), dst);
                continue;
            }

            for (var x = 0; x < row.Length; x++)
            {
                dst[x] = skip is not null && row[x].PackedValue == background ? 0f : ink.Of(row[x]);
            }
        }

        return crop;
    }

    /// <summary>
    /// a / 255f for the alpha byte of each packed RGBA pixel (R in the low byte): eight pixels at a time where the CPU
    /// has 256-bit vectors. A vector division rounds as the scalar one does, so the values are the same floats.
    /// </summary>
    internal static void AlphaToUnit(ReadOnlySpan<uint> pixels, Span<float> destination)
    {
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var divisor = Vector256.Create(255f);
            for (; x <= pixels.Length - Vector256<uint>.Count; x += Vector256<uint>.Count)
            {
                var alpha = Vector256.ShiftRightLogical(Vector256.Create(pixels.Slice(x, Vector256<uint>.Count)), 24);
                (Vector256.ConvertToSingle(alpha.AsInt32()) / divisor).CopyTo(destination.Slice(x, Vector256<float>.Count));
            }
        }

        var unit = ByteToUnit;
        for (; x < pixels.Length; x++)
        {
            destination[x] = unit[pixels[x] >> 24];
        }
    }

    /// <summary>
    /// An image's rows as spans. A canvas-sized image is one buffer in the pool, and slicing it is much cheaper than
    /// asking the image for each row's Memory (which walks its memory group); a larger image split across buffers
    /// falls back to that.
    /// </summary>
    private readonly ref struct PixelRows
    {
        private readonly Image<Rgba32> _image;
        private readonly Span<Rgba32> _all;

        public PixelRows(Image<Rgba32> image)
        {
            _image = image;
            _all = image.DangerousTryGetSinglePixelMemory(out var memory) ? memory.Span : default;
        }

        public int Width => _image.Width;

        public int Height => _image.Height;

        public Span<Rgba32> this[int y] => _all.IsEmpty ? _image.DangerousGetPixelRowMemory(y).Span : _all.Slice(y * _image.Width, _image.Width);
    }

    /// <summary>
    /// The convention and per-pixel ink of <see cref="InkExtractor.Extract(RgbaImage, out InkConvention)"/>: the same
    /// border medians and the same float expressions, so the same values.
    /// </summary>
    private readonly record struct InkFormula(InkConvention Convention, InkExtractor.Paper Paper)
    {
        public static InkFormula Of(PixelRows image)
        {
            if (BorderMedian(image, static p => p.A / 255f) < 0.5f)
            {
                return new(InkConvention.Alpha, default);
            }

            var paper = new InkExtractor.Paper(BorderMedian(image, static p => p.R / 255f), BorderMedian(image, static p => p.G / 255f), BorderMedian(image, static p => p.B / 255f));
            return new(paper.IsDark ? InkConvention.LightOnDark : InkConvention.DarkOnLight, paper);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Of(Rgba32 p) => Convention == InkConvention.Alpha ? p.A / 255f : Paper.Ink(p.R, p.G, p.B, p.A);
    }

    /// <summary>The median over the border pixels, as InkExtractor takes it (the same multiset, so the same value).</summary>
    private static float BorderMedian(PixelRows image, Func<Rgba32, float> value)
    {
        // A plain canvas's border is one colour, and then the median is that colour's value: a vectorised check of
        // the top and bottom rows and a walk down the sides replace collecting and sorting every border value.
        var corner = image[0][0];
        return IsBorderUniform(image, corner.PackedValue) ? value(corner) : SortedBorderMedian(image, value);
    }

    private static bool IsBorderUniform(PixelRows image, uint packed)
    {
        var (w, h) = (image.Width, image.Height);
        if (MemoryMarshal.Cast<Rgba32, uint>(image[0]).IndexOfAnyExcept(packed) >= 0
            || MemoryMarshal.Cast<Rgba32, uint>(image[h - 1]).IndexOfAnyExcept(packed) >= 0)
        {
            return false;
        }

        for (var y = 1; y < h - 1; y++)
        {
            var row = image[y];
            if (row[0].PackedValue != packed || row[w - 1].PackedValue != packed)
            {
                return false;
            }
        }

        return true;
    }

    private static float SortedBorderMedian(PixelRows image, Func<Rgba32, float> value)
    {
        var (w, h) = (image.Width, image.Height);
        var rented = ArrayPool<float>.Shared.Rent((2 * w) + (2 * h));
        try
        {
            var n = 0;
            var top = image[0];
            var bottom = image[h - 1];
            for (var x = 0; x < w; x++)
            {
                rented[n++] = value(top[x]);
                if (h > 1)
                {
                    rented[n++] = value(bottom[x]);
                }
            }

            for (var y = 1; y < h - 1; y++)
            {
                var row = image[y];
                rented[n++] = value(row[0]);
                if (w > 1)
                {
                    rented[n++] = value(row[w - 1]);
                }
            }

            var border = rented.AsSpan(0, n);
            border.Sort();
            return border[n / 2];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }
}
