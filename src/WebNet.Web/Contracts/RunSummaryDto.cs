namespace WebNet.Web.Contracts;

/// <summary>One run in GET /api/runs (newest first). epoch counts completed epochs.</summary>
public sealed record RunSummaryDto(
    long Id,
    string Preset,
    string State,
    DateTimeOffset StartedAt,
    int Epoch,
    int Epochs,
    double? BestAccuracy,
    TrainingOptionsDto Options);
