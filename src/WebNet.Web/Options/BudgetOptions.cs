using System.ComponentModel.DataAnnotations;

namespace WebNet.Web.Options;

/// <summary>
/// The WebNet:Budget section: the most a run may hold, checked before it is accepted (Core's TrainingBudget
/// estimates it from the options). A start over either limit answers 422 naming the fields to change.
/// </summary>
public sealed class BudgetOptions
{
    public const string Section = "WebNet:Budget";

    /// <summary>Memory for training: parameters, gradients, optimizer state, activations and deltas, the augmented training set. 1 GiB by default.</summary>
    [Range(typeof(long), "1048576", "9223372036854775807")]
    public long MaxTrainingBytes { get; set; } = 1L << 30;

    /// <summary>Database space for the run's per-epoch int8 weight snapshots. 2 GiB by default.</summary>
    [Range(typeof(long), "1048576", "9223372036854775807")]
    public long MaxSnapshotBytes { get; set; } = 2L << 30;
}
