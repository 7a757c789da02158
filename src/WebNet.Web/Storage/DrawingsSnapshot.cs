using WebNet.Core.Data;

namespace WebNet.Web.Storage;

/// <summary>The stored drawings at one version of the store: their records and their inputs in the same order (null when none).</summary>
public sealed record DrawingsSnapshot(long Version, IReadOnlyList<StoredDrawing> Rows, Dataset? Inputs);
