using WebNet.Core.Data;
using WebNet.Core.Network;

namespace WebNet.Core.Insight;

/// <summary>
/// Everything Insight knows about one model on one dataset: the probe (one forward pass), the importance
/// ranking and the confusion matrix, each computed once for all callers. The probe and the ranking are shared
/// computations: concurrent callers wait for the one in progress, and it is cancelled when every caller waiting
/// for it has given up. Thread-safe; models are immutable, so a holder can cache one instance per model reference.
/// </summary>
public sealed class ModelInsight
{
    private readonly SharedComputation<HiddenLayerProbe> _probe;
    private readonly SharedComputation<ImportanceReport> _importance;
    private ConfusionMatrix? _confusion;

    public ModelInsight(Mlp model, Dataset data)
    {
        Model = model;
        Data = data;
        _probe = new(token => Task.FromResult(new HiddenLayerProbe(model, data, token)));
        _importance = new(async token => NeuronImportance.Compute(await _probe.GetAsync(token).ConfigureAwait(false), token));
    }

    public Mlp Model { get; }

    public Dataset Data { get; }

    public HiddenLayerProbe Probe => ProbeAsync(CancellationToken.None).GetAwaiter().GetResult();

    public ImportanceReport Importance => ImportanceAsync(CancellationToken.None).GetAwaiter().GetResult();

    public ConfusionMatrix Confusion => LazyInitializer.EnsureInitialized(ref _confusion, () => ConfusionMatrix.From(Probe));

    /// <summary>How many times the importance ranking was started for this model (see <see cref="SharedComputation{T}.Starts"/>).</summary>
    public int ImportanceStarts => _importance.Starts;

    /// <summary>The probe; the caller stops waiting when its token is cancelled, and the pass stops when no caller is left.</summary>
    public Task<HiddenLayerProbe> ProbeAsync(CancellationToken cancellationToken) => _probe.GetAsync(cancellationToken);

    /// <summary>The importance ranking, shared as <see cref="ProbeAsync"/> is.</summary>
    public Task<ImportanceReport> ImportanceAsync(CancellationToken cancellationToken) => _importance.GetAsync(cancellationToken);

    public AblationResult Ablate(IEnumerable<int> off) => Ablation.Run(Probe, off);

    public AblationResult AblateDimmest(int count) => Ablation.RunDimmest(Probe, Importance, count);
}
