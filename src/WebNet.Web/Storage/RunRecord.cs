using WebNet.Core.Training;
using WebNet.Web.Training;

namespace WebNet.Web.Storage;

/// <summary>A stored run. Epoch counts completed epochs (the untrained epoch 0 row not included).</summary>
public sealed record RunRecord(
    long Id,
    TrainingOptions Options,
    RunState State,
    string? Message,
    string Backend,
    string Device,
    int Epoch,
    double? BestAccuracy,
    DateTimeOffset StartedAt,
    bool HasHistory);
