using WebNet.Core.Data;
using WebNet.Core.Insight;
using WebNet.Core.Network;
using WebNet.Web.Training;

namespace WebNet.Web.Models;

/// <summary>
/// Insight for the current model on the test set, built once per model instance: the ModelStore swaps whole
/// networks and never mutates a published one, so a reference check tells whether the cached probe is current.
/// </summary>
public sealed class ModelInsightCache(ModelStore models, IDatasetProvider datasets)
{
    private readonly Lock _lock = new();
    private ModelInsight? _current;

    /// <summary>What could be computed for the current model, or why not.</summary>
    public InsightLookup Get()
    {
        if (models.Snapshot is not { } published)
        {
            return new InsightLookup(null, InsightUnavailable.NoModel, ModelStore.NoModelDetail);
        }

        var model = published.Model;
        var cached = Volatile.Read(ref _current);
        if (cached is not null && ReferenceEquals(cached.Model, model))
        {
            return new InsightLookup(cached, null, null);
        }

        Dataset test;
        try
        {
            test = datasets.Load().Test;
        }
        catch (DataFormatException e)
        {
            return new InsightLookup(null, InsightUnavailable.NoTestSet, e.Message);
        }

        if (model.Shape.Layers.Count < 2 || model.Shape.InputSize != test.InputSize || model.Shape.OutputSize != test.Classes)
        {
            return new InsightLookup(null, InsightUnavailable.UnsuitableModel, $"The current model ({model.Shape}) needs a hidden layer, {test.InputSize} inputs and {test.Classes} outputs to be examined on the test set.");
        }

        lock (_lock)
        {
            // ModelInsight computes lazily, so building it under the lock is cheap; its parts are computed once.
            if (_current is null || !ReferenceEquals(_current.Model, model))
            {
                _current = new ModelInsight(model, test);
            }

            return new InsightLookup(_current, null, null);
        }
    }
}

public enum InsightUnavailable
{
    NoModel,
    NoTestSet,
    UnsuitableModel,
}

/// <summary>Either the insight of the current model, or the reason there is none and its explanation.</summary>
public sealed record InsightLookup(ModelInsight? Insight, InsightUnavailable? Reason, string? Detail);
