namespace WebNet.Web.Contracts;

/// <summary>Starts a run: every field is optional and overrides the preset (seed when absent).</summary>
public sealed record StartRequest
{
    public string? Preset { get; init; }

    public int[]? Hidden { get; init; }

    public string? Activation { get; init; }

    public string? Cost { get; init; }

    public string? Initializer { get; init; }

    public string? Optimizer { get; init; }

    public float? LearningRate { get; init; }

    public float? Momentum { get; init; }

    public int? BatchSize { get; init; }

    public float? L2 { get; init; }

    public int? Epochs { get; init; }

    public ulong? Seed { get; init; }

    public string? Backend { get; init; }

    /// <summary>constant or cosine.</summary>
    public string? Schedule { get; init; }

    public AugmentationRequest? Augmentation { get; init; }

    /// <summary>Whether and how the labelled drawings are mixed into training: { copies, heldOut }.</summary>
    public DrawingsRequest? Drawings { get; init; }
}
