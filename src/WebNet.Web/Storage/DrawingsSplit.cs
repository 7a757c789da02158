using WebNet.Core.Data;

namespace WebNet.Web.Storage;

/// <summary>The stored inputs on each side of the held-out split at HeldOutShare (null for an empty side).</summary>
public sealed record DrawingsSplit(long Version, double HeldOutShare, Dataset? HeldOut, Dataset? Training)
{
    public int HeldOutCount => HeldOut?.Count ?? 0;

    public int TrainingCount => Training?.Count ?? 0;
}
