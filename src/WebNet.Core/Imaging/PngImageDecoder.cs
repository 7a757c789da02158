using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace WebNet.Core.Imaging;

/// <summary>
/// Decodes untrusted PNG bytes with ImageSharp 2.1 under a configuration that knows only PNG, reads the
/// header first and refuses large images before any pixel buffer exists, and caps every buffer the
/// allocator hands out. Every failure is an <see cref="ImageDecodeException"/> with a Kind.
/// </summary>
public static class PngImageDecoder
{
    /// <summary>The largest width or height accepted; a canvas is a few hundred pixels.</summary>
    public const int MaxDimension = 4096;

    // A MaxDimension square as Rgba32 is 64 MiB; the cap leaves room for the decoder's row buffers and
    // stops anything that slips past the header check (a second IHDR, a lying header) from taking gigabytes.
    private const int AllocationLimitMegabytes = 80;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly Configuration PngOnly = CreateConfiguration();

    /// <summary>Decodes a PNG into straight (not premultiplied) RGBA bytes.</summary>
    public static RgbaImage Decode(byte[] bytes)
    {
        using var image = Load(bytes);
        var pixels = new byte[image.Width * image.Height * 4];
        image.CopyPixelDataTo(pixels);
        return new RgbaImage(image.Width, image.Height, pixels);
    }

    /// <summary>
    /// Decodes a PNG into an image whose pixels live in the configuration's capped, pooled memory, so a reader that
    /// scans the rows itself allocates no canvas-sized array per request; the caller disposes it.
    /// </summary>
    public static Image<Rgba32> Load(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new ImageDecodeException(ImageDecodeErrorKind.Empty, "The image is empty: no bytes were sent.");
        }

        if (!bytes.AsSpan().StartsWith(PngSignature))
        {
            var other = OtherFormatName(bytes);
            throw other is not null
                ? new ImageDecodeException(ImageDecodeErrorKind.UnsupportedFormat, $"The image is a {other}; only PNG images are accepted.")
                : new ImageDecodeException(ImageDecodeErrorKind.Corrupt, "The bytes are not a PNG image (they do not start with the PNG signature).");
        }

        var info = Run(() => Image.Identify(PngOnly, new MemoryStream(bytes, writable: false)));
        if (info is null)
        {
            throw new ImageDecodeException(ImageDecodeErrorKind.Corrupt, "The PNG image could not be read: its header is damaged.");
        }

        if (info.Width is <= 0 or > MaxDimension || info.Height is <= 0 or > MaxDimension)
        {
            throw new ImageDecodeException(
                ImageDecodeErrorKind.TooLarge,
                $"The PNG image claims to be {info.Width}x{info.Height} pixels; at most {MaxDimension}x{MaxDimension} is accepted.");
        }

        CheckChunksComplete(bytes);
        return Run(() => Image.Load<Rgba32>(PngOnly, bytes));
    }

    /// <summary>
    /// Walks the chunk list (length, type, data, CRC) up to IEND. ImageSharp 2.1 returns a partly blank image
    /// for a PNG cut short inside its pixel data, so a missing tail has to be found here.
    /// </summary>
    private static void CheckChunksComplete(byte[] bytes)
    {
        var position = PngSignature.Length;
        while (true)
        {
            if (bytes.Length - position < 12)
            {
                throw new ImageDecodeException(ImageDecodeErrorKind.Corrupt, "The PNG image is incomplete: it ends before its IEND chunk (the upload was probably cut short).");
            }

            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position, 4));
            var type = bytes.AsSpan(position + 4, 4);
            if (length > int.MaxValue || length > (uint)(bytes.Length - position - 12))
            {
                throw new ImageDecodeException(ImageDecodeErrorKind.Corrupt, $"The PNG image is incomplete: its {System.Text.Encoding.ASCII.GetString(type)} chunk is cut short.");
            }

            if (type.SequenceEqual("IEND"u8))
            {
                return;
            }

            position += 12 + (int)length;
        }
    }

    private static T Run<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (InvalidMemoryOperationException ex)
        {
            throw new ImageDecodeException(ImageDecodeErrorKind.TooLarge, "The PNG image needs more memory to decode than is allowed.", ex);
        }
        catch (UnknownImageFormatException ex)
        {
            throw new ImageDecodeException(ImageDecodeErrorKind.UnsupportedFormat, "The image format is not recognised; only PNG images are accepted.", ex);
        }
        catch (ImageFormatException ex)
        {
            // InvalidImageContentException and the other decoder faults: damaged chunks, bad CRCs, missing data.
            throw new ImageDecodeException(ImageDecodeErrorKind.Corrupt, $"The PNG image is damaged or incomplete: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or NotSupportedException)
        {
            // Cut-short streams and unusual headers surface as these from the zlib and chunk readers.
            throw new ImageDecodeException(ImageDecodeErrorKind.Corrupt, "The PNG image is damaged or incomplete.", ex);
        }
    }

    private static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(new PngConfigurationModule())
        {
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                AllocationLimitMegabytes = AllocationLimitMegabytes,
                MaximumPoolSizeMegabytes = 16,
            }),
        };
        return configuration;
    }

    /// <summary>Names a common non-PNG image format from its magic bytes, or null.</summary>
    private static string? OtherFormatName(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8))
        {
            return "GIF";
        }

        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return "JPEG";
        }

        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return "WebP";
        }

        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8))
        {
            return "TIFF";
        }

        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
        {
            return "HEIF/AVIF";
        }

        if (b.Length >= 14 && b.StartsWith("BM"u8))
        {
            return "BMP";
        }

        if (b.StartsWith("qoif"u8))
        {
            return "QOI";
        }

        return b.StartsWith("<svg"u8) || b.StartsWith("<?xml"u8) ? "SVG" : null;
    }
}
