using WebNet.Core.Network;
using WebNet.Web.Contracts;
using WebNet.Web.Storage;
using WebNet.Web.Training;

namespace WebNet.Web.Models;

/// <summary>
/// Finished runs' final models (the full-precision parameters of the run's last checkpoint), for classify and explain
/// with run=ID. A finished run never changes, so up to <see cref="Capacity"/> of them stay loaded, the least recently
/// asked for going first; repeated requests do not touch the database.
/// </summary>
public sealed class RunModelCache(IRunStore runs)
{
    public const int Capacity = 4;

    private readonly Lock _lock = new();
    private readonly LinkedList<(long RunId, RunModel Model)> _recent = new();

    /// <summary>The run's model, or why there is none: 404 for an unknown run, 409 for one still training or without a checkpoint.</summary>
    public RunModelLookup Get(long runId)
    {
        lock (_lock)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.RunId == runId)
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return new RunModelLookup(node.Value.Model, null, null);
                }
            }
        }

        if (runs.GetRun(runId) is not { } run)
        {
            return new RunModelLookup(null, StatusCodes.Status404NotFound, $"There is no run {runId}.");
        }

        if (run.State.IsActive())
        {
            return new RunModelLookup(null, StatusCodes.Status409Conflict, $"Run {runId} is still {run.State.ToWireName()}; its model changes every epoch. Leave run out to use the current model.");
        }

        if (runs.LoadCheckpoint(runId) is not { } checkpoint)
        {
            return new RunModelLookup(null, StatusCodes.Status409Conflict, $"Run {runId} ({run.State.ToWireName()}) finished no epoch, so it has no model.");
        }

        var accuracy = runs.GetHistory(runId).FirstOrDefault(e => e.Epoch == checkpoint.Epoch)?.TestAccuracy;
        var model = new RunModel(
            new Mlp(run.Options.CreateShape(28 * 28, 10), checkpoint.Parameters),
            new AnsweringModelDto("run", runId, checkpoint.Epoch, accuracy));
        lock (_lock)
        {
            if (!_recent.Any(e => e.RunId == runId))
            {
                _recent.AddFirst((runId, model));
                while (_recent.Count > Capacity)
                {
                    _recent.RemoveLast();
                }
            }
        }

        return new RunModelLookup(model, null, null);
    }
}

public sealed record RunModel(Mlp Network, AnsweringModelDto Name);

/// <summary>Either a run's model, or the status (404, 409) and detail of why not.</summary>
public sealed record RunModelLookup(RunModel? Model, int? Status, string? Detail);
