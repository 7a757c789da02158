using WebNet.Core.Data;
using WebNet.Core.Network;

namespace WebNet.Core.Insight;

/// <summary>
/// Everything Insight knows about one model on one dataset: the probe (one forward pass), the importance
/// ranking and the confusion matrix, each computed once on first use. Thread-safe; models are immutable,
/// so a holder can cache one instance per model reference.
/// </summary>
public sealed class ModelInsight(Mlp model, Dataset data)
{
    private readonly Lazy<HiddenLayerProbe> _probe = new(() => new HiddenLayerProbe(model, data));
    private ImportanceReport? _importance;
    private ConfusionMatrix? _confusion;

    public Mlp Model { get; } = model;

    public Dataset Data { get; } = data;

    public HiddenLayerProbe Probe => _probe.Value;

    public ImportanceReport Importance => LazyInitializer.EnsureInitialized(ref _importance, () => NeuronImportance.Compute(Probe));

    public ConfusionMatrix Confusion => LazyInitializer.EnsureInitialized(ref _confusion, () => ConfusionMatrix.From(Probe));

    public AblationResult Ablate(IEnumerable<int> off) => Ablation.Run(Probe, off);

    public AblationResult AblateDimmest(int count) => Ablation.RunDimmest(Probe, Importance, count);
}
