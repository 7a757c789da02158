namespace WebNet.Core.Serialization;

/// <summary>A model document that cannot be used; the message names the JSON path at fault.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException()
        : this("The model document is not valid.")
    {
    }

    public ModelFormatException(string message)
        : this(message, path: null)
    {
    }

    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelFormatException(string message, string? path, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>Where in the document the problem is, e.g. "layers[1].weights[3]"; null for the document as a whole.</summary>
    public string? Path { get; }
}
