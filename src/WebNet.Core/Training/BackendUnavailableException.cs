namespace WebNet.Core.Training;

/// <summary>The named backend cannot run on this machine (no such device, no driver).</summary>
public sealed class BackendUnavailableException : Exception
{
    public BackendUnavailableException(string message)
        : base(message)
    {
    }

    public BackendUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BackendUnavailableException()
    {
    }
}
