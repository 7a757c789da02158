namespace WebNet.Web.Contracts;

/// <summary>Within an epoch (the one being trained), at most about four a second.</summary>
public sealed record ProgressDto(long RunId, int Epoch, int Batch, int Batches);
