using WebNet.Core.Network;

namespace WebNet.Web.Models;

/// <summary>
/// The model the app answers with. Training publishes after each epoch and an import may replace it; readers
/// take one reference and keep a consistent model and metadata for their whole request (published models
/// are never mutated, only swapped).
/// </summary>
public sealed class ModelStore
{
    public const string NoModelDetail = "No model has been published yet: training publishes one after its first epoch, or PUT /api/model imports one.";

    private Published? _published;

    public Mlp? Current => Volatile.Read(ref _published)?.Model;

    public ModelInfo? Info => Volatile.Read(ref _published)?.Info;

    /// <summary>Model and metadata read together, or null before anything was published.</summary>
    public Published? Snapshot => Volatile.Read(ref _published);

    public void Publish(Mlp model, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        Volatile.Write(ref _published, new Published(model, info));
    }

    public sealed record Published(Mlp Model, ModelInfo Info);
}
