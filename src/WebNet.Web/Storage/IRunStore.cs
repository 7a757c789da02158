using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Training;

namespace WebNet.Web.Storage;

/// <summary>
/// Runs, epochs, weight snapshots and checkpoints, and the imported model: the one truth for a run's state and history. SQLite in the data folder
/// by default (<see cref="Sqlite.SqliteRunStore"/>), PostgreSQL when several replicas share it. A store that cannot be
/// reached throws <see cref="StorageUnavailableException"/> (the API answers 503 ProblemDetails); a full disk,
/// <see cref="StorageFullException"/> (the run pauses).
/// </summary>
public interface IRunStore
{
    /// <summary>Why the store cannot be used (found at start-up and lasting until it is fixed), or null when it can.</summary>
    StorageFault? Fault { get; }

    /// <summary>Where the runs live, for messages: the SQLite file's path, or the PostgreSQL server and database.</summary>
    string Location { get; }

    /// <summary>A new run, running, with a fresh id (never reused, also across replicas).</summary>
    long CreateRun(TrainingOptions options, string backend, string device);

    void SetState(long runId, RunState state, string? message = null, string? backend = null, string? device = null);

    /// <summary>
    /// Records a completed epoch, its weight snapshot and the checkpoint to resume from, all or nothing, then thins the
    /// run's snapshots (WebNet:Storage's retention). Saving the same epoch again replaces it: never two rows for one epoch.
    /// </summary>
    void SaveEpoch(long runId, EpochResult result, WeightsDto weights, TrainerCheckpoint checkpoint, RunState state, double? drawingsAccuracy = null);

    /// <summary>The checkpoint of the run's latest stored epoch, or null when it stored none.</summary>
    TrainerCheckpoint? LoadCheckpoint(long runId);

    RunRecord? GetRun(long runId);

    RunRecord? LatestRun();

    /// <summary>Every run, newest first.</summary>
    IReadOnlyList<RunRecord> ListRuns();

    /// <summary>The run's completed epochs in order, without weights.</summary>
    IReadOnlyList<EpochDto> GetHistory(long runId);

    /// <summary>The weight snapshot of one epoch, or of the run's latest epoch when epoch is null.</summary>
    WeightsDto? GetWeights(long runId, int? epoch);

    /// <summary>
    /// The snapshot replay shows for an epoch the run completed: its own, or where retention thinned it, the nearest kept
    /// one before it (Epoch says which). Null for an epoch the run never completed.
    /// </summary>
    (int Epoch, WeightsDto Weights)? GetReplayWeights(long runId, int epoch);

    /// <summary>The epochs the run has snapshots of, in order (empty for an unknown run); reads no weights.</summary>
    IReadOnlyList<int> GetSnapshotEpochs(long runId);

    /// <summary>
    /// The snapshots of the given epochs in epoch order, decoded one row at a time as the caller enumerates (the
    /// connection stays open until the enumeration ends): a 230-epoch run is never in memory at once.
    /// </summary>
    IEnumerable<(int Epoch, WeightsDto Weights)> ReadSnapshots(long runId, IReadOnlyCollection<int> epochs);

    /// <summary>Keeps the imported model, replacing the one imported before (only the latest is kept).</summary>
    void SaveImport(StoredImport import);

    /// <summary>The latest imported model, or null when none was imported.</summary>
    StoredImport? LatestImport();
}
