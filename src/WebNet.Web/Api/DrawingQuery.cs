using System.Globalization;
using WebNet.Core.Classification;
using WebNet.Core.Imaging;

namespace WebNet.Web.Api;

/// <summary>
/// The query of POST /api/classify and /api/insight/explain (preprocess, off, compare, run), read once into Core's
/// options; Errors names each bad field (a 400 ValidationProblem).
/// </summary>
public sealed record DrawingQuery(ClassifyOptions Options, long? Run, Dictionary<string, string[]>? Errors)
{
    /// <summary>The preprocessing when the query names none. Switching the default to stroke is this one line.</summary>
    public const PreprocessMode DefaultMode = PreprocessModes.Default;

    public static DrawingQuery Parse(string? preprocess, string? off, string? compare, string? run, bool explain = false, int? target = null)
    {
        // Made only for a bad query: classify is a hot path.
        Dictionary<string, string[]>? errors = null;
        var mode = DefaultMode;
        if (preprocess is not null && !PreprocessModes.TryParse(preprocess, out mode))
        {
            (errors ??= new(StringComparer.Ordinal))["preprocess"] = [$"Unknown preprocessing '{preprocess}'; use {string.Join(", ", PreprocessModes.Names)}."];
        }

        PreprocessMode? other = null;
        if (compare is not null)
        {
            if (PreprocessModes.TryParse(compare, out var parsed))
            {
                other = parsed;
            }
            else
            {
                (errors ??= new(StringComparer.Ordinal))["compare"] = [$"Unknown preprocessing '{compare}' to compare with; use {string.Join(", ", PreprocessModes.Names)}."];
            }
        }

        if (!NeuronList.TryParse(off, out var disabled))
        {
            (errors ??= new(StringComparer.Ordinal))["off"] = ["off is a comma-separated list of hidden neuron indices, e.g. off=3,17."];
        }

        long? runId = null;
        if (run is not null)
        {
            if (long.TryParse(run, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                runId = id;
            }
            else
            {
                (errors ??= new(StringComparer.Ordinal))["run"] = [$"run is a run id from GET /api/runs (a whole number from 1), not '{run}'; leave it out for the current model."];
            }
        }

        return new(new ClassifyOptions(mode, disabled, explain, target, other), runId, errors);
    }
}
