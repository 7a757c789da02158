using System.Runtime.CompilerServices;
using WebNet.Core.Network;
using WebNet.Core.Serialization;
using WebNet.Web.Storage;

namespace WebNet.Web.Models;

/// <summary>
/// Imported models: published to <see cref="ModelStore"/> and kept in the run database (so that a restarted app, or
/// another replica starting, answers with the import while training has not moved on since), with their documents'
/// input and training records, found again by network when the model is downloaded.
/// </summary>
public sealed class ModelImports(IRunStore store, ModelStore models, ILogger<ModelImports> logger)
{
    private readonly ConditionalWeakTable<Mlp, ModelDocument> _documents = [];

    /// <summary>The imported document whose network this is, or null for a trained model.</summary>
    public ModelDocument? DocumentOf(Mlp model) => _documents.TryGetValue(model, out var document) ? document : null;

    /// <summary>
    /// Stores the import (body, already read into document) after the given run and epoch, then publishes it. An
    /// unusable database does not stop an import: the model answers here, and the log says it was not kept.
    /// </summary>
    public void Import(ModelDocument document, byte[] body, long? afterRunId, int afterEpoch)
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            store.SaveImport(new StoredImport(body, afterRunId, afterEpoch, DateTimeOffset.UtcNow));
        }
        catch (StorageUnavailableException ex)
        {
            ModelLog.ImportNotStored(logger, ex, ex.Message);
        }

        Publish(document);
    }

    /// <summary>At start-up: the stored import answers again when the latest run is where it was when the import came.</summary>
    public void Restore(RunRecord? latest)
    {
        if (store.LatestImport() is not { } import || import.AfterRunId != latest?.Id || import.AfterEpoch != (latest?.Epoch ?? 0))
        {
            return;
        }

        try
        {
            Publish(ModelJson.Read(import.Document));
        }
        catch (ModelFormatException ex)
        {
            // Stored by a version that read it; one that cannot read it any more leaves the trained model answering.
            ModelLog.ImportUnreadable(logger, ex, ex.Message);
        }
    }

    // One reference swap: a classify request sees the old model or the new one, never a mix.
    private void Publish(ModelDocument document)
    {
        _documents.AddOrUpdate(document.Network, document);
        models.Publish(document.Network, new ModelInfo(ModelInfo.FromImport, null, document.Training?.Epochs, document.Training?.TestAccuracy, null, DateTimeOffset.UtcNow));
    }
}
