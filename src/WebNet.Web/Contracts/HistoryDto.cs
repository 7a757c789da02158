namespace WebNet.Web.Contracts;

/// <summary>Sent to a client when it connects: the current run's epochs (no weights) and the latest weights.</summary>
public sealed record HistoryDto(long? RunId, IReadOnlyList<EpochDto> Epochs, WeightsDto? Weights);
