using WebNet.Core.Network;

namespace WebNet.Core.Serialization;

/// <summary>A model file's content: the network, what it reads, and (when known) how it was trained.</summary>
public sealed record ModelDocument(Mlp Network, ModelInput Input, ModelTrainingInfo? Training = null)
{
    /// <summary>"webnet-mlp" for this project's files, "machine.academy" for an imported one.</summary>
    public string SourceFormat { get; init; } = ModelJson.Format;
}
