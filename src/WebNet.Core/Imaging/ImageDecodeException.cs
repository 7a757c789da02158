namespace WebNet.Core.Imaging;

/// <summary>An image that cannot be used, with a message meant for the person who sent it.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException()
        : this(ImageDecodeErrorKind.Corrupt, "The image could not be decoded.")
    {
    }

    public ImageDecodeException(string message)
        : this(ImageDecodeErrorKind.Corrupt, message)
    {
    }

    public ImageDecodeException(string message, Exception innerException)
        : this(ImageDecodeErrorKind.Corrupt, message, innerException)
    {
    }

    public ImageDecodeException(ImageDecodeErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ImageDecodeErrorKind Kind { get; }
}
