namespace WebNet.Web.Cluster;

/// <summary>The training loop found, just before storing an epoch, that this replica no longer holds the trainer lease.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
        : base("This replica no longer holds the trainer lease; the epoch is not stored.")
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
