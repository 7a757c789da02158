using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Web.Cluster;
using WebNet.Web.Contracts;
using WebNet.Web.Hubs;
using Microsoft.Extensions.Options;
using WebNet.Web.Models;
using WebNet.Web.Options;
using WebNet.Web.Storage;

namespace WebNet.Web.Training;

/// <summary>
/// Owns the run state machine and the one training loop. Commands are serialized by a gate; pause and stop
/// cancel the loop between batches and wait for it, dropping the part-trained epoch (a resume continues
/// from the last completed epoch's checkpoint, so results match an uninterrupted run).
/// </summary>
public sealed partial class RunController(
    IRunStore store,
    IDrawingStore drawings,
    ModelStore models,
    ModelImports imports,
    IDatasetProvider datasets,
    ITrainingBackendFactory backends,
    HubPusher pusher,
    IOptions<TrainingHostOptions> hostOptions,
    IOptions<BudgetOptions> budget,
    IOptions<StorageOptions> storage,
    DiskSpace disk,
    IOptions<WebNetOptions> web,
    ILogger<RunController> logger,
    ClusterLink? cluster = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _sync = new();
    private RunStatus _status = RunStatus.Idle;
    private Task _loop = Task.CompletedTask;
    private CancellationTokenSource? _loopCancel;
    private CancellationToken _stopping;

    public RunStateDto Status => Current.ToDto();

    internal RunStatus Current
    {
        get
        {
            lock (_sync)
            {
                return _status;
            }
        }
    }

    public HistoryDto CurrentHistory() => Current.RunId is { } id
        ? new HistoryDto(id, store.GetHistory(id), store.GetWeights(id, null))
        : new HistoryDto(null, [], null);

    /// <summary>
    /// At start-up: show the latest run and resume it if a previous process left it running, else (autoStart) start the
    /// seed preset. Scaled out, the replica that takes the trainer lease does this instead (TakeLeadAsync).
    /// </summary>
    public async Task InitializeAsync(bool autoStart, CancellationToken stopping)
    {
        _stopping = stopping;
        if (cluster is not null)
        {
            return;
        }

        await _gate.WaitAsync(stopping);
        try
        {
            if (Current.State != RunState.Idle)
            {
                return; // a command got here first; it decided what runs
            }

            if (store.Fault is { } fault)
            {
                // IRunStore logged it, naming the file; the state says it too, and nothing is resumed or started.
                SetStatus(Current with { Message = new StorageUnavailableException(fault).Message });
                return;
            }

            await RestoreAsync(store.LatestRun(), autoStart, resumeRunning: autoStart);
        }
        catch (StorageUnavailableException ex)
        {
            // The database went away half-way: back to idle, so that the next try (TrainingService) starts over.
            SetStatus(RunStatus.Idle with { Message = ex.Message });
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Under the gate: shows the latest run, resumes it when it was left running (resumeRunning) or marks it paused,
    // and starts the seed preset when autoStart and no run is active.
    private async Task RestoreAsync(RunRecord? latest, bool autoStart, bool resumeRunning)
    {
        const string Interrupted = "The app stopped during this run; resume to continue from the last completed epoch.";
        if (latest is not null)
        {
            // A run left running that is not resumed is stored paused before it is shown, so no reader sees it "running".
            var shown = RunStatus.From(latest);
            if (latest.State == RunState.Running && !resumeRunning)
            {
                store.SetState(latest.Id, RunState.Paused, Interrupted);
                shown = shown with { State = RunState.Paused, Message = Interrupted };
            }

            SetStatus(shown);
            PublishCheckpoint(latest);
        }

        // A model imported since the latest run's last epoch answers again.
        imports.Restore(latest);
        if (latest is not null)
        {
            if (latest.State == RunState.Running && resumeRunning)
            {
                try
                {
                    await ResumeCoreAsync();
                    return;
                }
                catch (BackendUnavailableException ex)
                {
                    // E.g. the run used a GPU this machine lacks: keep it paused and say why.
                    store.SetState(latest.Id, RunState.Paused, ex.Message);
                    SetStatus(Current with { State = RunState.Paused, Message = ex.Message });
                    return;
                }
            }

            if (latest.State.IsActive())
            {
                return;
            }
        }

        if (autoStart)
        {
            await StartCoreAsync(Presets.Seed, backends.Create(Presets.Seed.Backend));
        }
    }

    private async Task StartCoreAsync(TrainingOptions options, ITrainingBackend backend)
    {
        long runId;
        try
        {
            runId = store.CreateRun(options, backend.Name, backend.DeviceName);
        }
        catch
        {
            backend.Dispose();
            throw;
        }

        SetStatus(new RunStatus(runId, RunState.Running, null, 0, options, backend.Name, backend.DeviceName));
        await StartLoopAsync(runId, options, backend, resume: null);
    }

    private async Task ResumeCoreAsync()
    {
        var status = Current;
        var runId = status.RunId!.Value;
        var backend = backends.Create(status.Options!.Backend);
        TrainerCheckpoint? checkpoint;
        try
        {
            checkpoint = store.LoadCheckpoint(runId);
            store.SetState(runId, RunState.Running, null, backend.Name, backend.DeviceName);
        }
        catch
        {
            backend.Dispose();
            throw;
        }

        SetStatus(status with { State = RunState.Running, Message = null, Epoch = checkpoint?.Epoch ?? 0, Backend = backend.Name, Device = backend.DeviceName });
        await StartLoopAsync(runId, status.Options, backend, checkpoint);
    }

    // Publishes the run's latest checkpoint as the current model; its epoch, or null when there is none to publish.
    private int? PublishCheckpoint(RunRecord run)
    {
        if (store.LoadCheckpoint(run.Id) is not { } checkpoint)
        {
            return null;
        }

        // Stored runs are MNIST-shaped (784 inputs, 10 classes); a mismatch (another dataset) is not published.
        var shape = run.Options.CreateShape(28 * 28, 10);
        if (shape.ParameterCount != checkpoint.Parameters.Length)
        {
            return null;
        }

        models.Publish(new Mlp(shape, checkpoint.Parameters), new ModelInfo(ModelInfo.FromTraining, run.Id, checkpoint.Epoch, run.BestAccuracy, run.Options, DateTimeOffset.UtcNow));
        return checkpoint.Epoch;
    }

    private void SetStatus(RunStatus status)
    {
        RunStatus previous;
        lock (_sync)
        {
            previous = _status;
            _status = status;
        }

        if (previous.State != status.State || previous.RunId != status.RunId)
        {
            if (status.RunId is { } id)
            {
                TrainingLog.RunStateChanged(logger, id, status.State, status.Backend, status.Device);
            }

            var dto = status.ToDto();
            pusher.Post(c => c.RunState(dto));
            cluster?.Announce();
        }
    }
}
