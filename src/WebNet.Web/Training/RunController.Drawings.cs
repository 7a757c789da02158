using System.Globalization;
using WebNet.Core.Data;
using WebNet.Core.Drawings;
using WebNet.Core.Training;

namespace WebNet.Web.Training;

/// <summary>
/// A run that trains on the labelled drawings (options.Drawings.Copies above 0): the drawings outside the held-out part
/// are mixed into the training set, and the curve scores the held-out part only (IDrawingStore.Score), so it stays an
/// honest test. Each start or resume mixes in the drawings as they are then; a drawing keeps its side of the split.
/// </summary>
public sealed partial class RunController
{
    /// <summary>
    /// How many drawings a run of these options would mix in (each Copies times), or why it cannot: nothing to mix in, or
    /// nothing to score. A database that cannot be used is StartAsync's to report.
    /// </summary>
    private (int Mixed, CommandResult? Invalid) CheckDrawings(TrainingOptions options)
    {
        var use = options.Drawings;
        if (!use.Mixed || store.Fault is not null)
        {
            return (0, null);
        }

        var split = drawings.Split(use.HeldOut);
        var total = split.HeldOutCount + split.TrainingCount;
        var share = use.HeldOut.ToString(CultureInfo.InvariantCulture);
        if (split.TrainingCount == 0)
        {
            return (0, CommandResult.Invalid(Status, new Dictionary<string, string[]>
            {
                ["drawings.copies"] = [total == 0
                    ? "There are no labelled drawings to train on yet: label some on the drawing panel (or import a set), or leave drawings.copies at 0."
                    : $"All {total} labelled drawings fall in the held-out part at drawings.heldOut {share}, so none is left to train on: lower drawings.heldOut or label more."],
            }));
        }

        if (split.HeldOutCount == 0)
        {
            return (0, CommandResult.Invalid(Status, new Dictionary<string, string[]>
            {
                ["drawings.heldOut"] = [$"None of the {total} labelled drawings falls in the held-out part at drawings.heldOut {share}, so the drawings curve would have nothing to score: raise drawings.heldOut or label more."],
            }));
        }

        return (split.TrainingCount * use.Copies, null);
    }

    /// <summary>The training set with the drawings outside the held-out part appended Copies times, or train as it is.</summary>
    private Dataset MixDrawings(long runId, Dataset train, DrawingsTraining use)
    {
        if (!use.Mixed)
        {
            return train;
        }

        var split = drawings.Split(use.HeldOut);
        TrainingLog.DrawingsMixed(logger, runId, split.TrainingCount, use.Copies, split.HeldOutCount);
        return split.Training is { } mixed ? DrawingSet.Mix(train, mixed, use.Copies) : train;
    }
}
