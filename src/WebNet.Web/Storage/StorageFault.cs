namespace WebNet.Web.Storage;

/// <summary>
/// Why the run database cannot be used: the SQLite file (named by Path) is corrupt or truncated, or the app may not
/// write it (found at start-up); or the PostgreSQL server (Path names it) does not answer now. Readable when stored runs
/// can still be read (a read-only file); never when it is corrupt or unreachable.
/// </summary>
public sealed record StorageFault(string Path, string Reason, bool Readable)
{
    public string Describe() => $"The run database {Path} cannot be used: {Reason}";
}

/// <summary>Thrown by a run or drawing store while it has a fault; the API answers it 503 ProblemDetails (StorageUnavailableHandler).</summary>
public sealed class StorageUnavailableException(StorageFault fault, Exception? inner = null)
    : InvalidOperationException(fault.Describe() + " Training and run history are off until it is fixed; classify and import still work.", inner)
{
    public StorageFault Fault { get; } = fault;
}
