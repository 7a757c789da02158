namespace WebNet.Core.Imaging;

/// <summary>Why an uploaded image could not be decoded; the web app maps each to an HTTP status.</summary>
public enum ImageDecodeErrorKind
{
    /// <summary>No bytes at all.</summary>
    Empty,

    /// <summary>A recognisable image of another format (GIF, JPEG, BMP, WebP, ...): only PNG is accepted.</summary>
    UnsupportedFormat,

    /// <summary>Not an image, or a PNG whose content is damaged or cut short.</summary>
    Corrupt,

    /// <summary>The image claims more pixels than the decoder is allowed to allocate.</summary>
    TooLarge,
}
