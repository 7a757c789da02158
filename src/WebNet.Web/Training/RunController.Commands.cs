using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Options;
using WebNet.Web.Storage;

namespace WebNet.Web.Training;

/// <summary>The control commands: each runs under the gate, repeats idempotently, and leaves the state unchanged when refused.</summary>
public sealed partial class RunController
{
    // Starts a run of options already resolved and checked (TrainingOverrides.Resolve, by the REST call or the hub).
    private async Task<CommandResult> StartHereAsync(TrainingOptions options, CancellationToken cancellationToken)
    {
        var (mixed, invalid) = CheckDrawings(options);
        if (invalid is not null)
        {
            return invalid;
        }

        if (OverBudget(options, mixed) is { } overBudget)
        {
            return overBudget;
        }

        if (store.Fault is { } fault)
        {
            return CommandResult.Unavailable(Status, new StorageUnavailableException(fault).Message);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var status = Current;
            if (status.State.IsActive())
            {
                return CommandResult.Conflict(status.ToDto(), $"Run {status.RunId} is {status.State.ToWireName()}; stop it before starting another.");
            }

            ITrainingBackend backend;
            try
            {
                backend = backends.Create(options.Backend);
            }
            catch (BackendUnavailableException ex)
            {
                return CommandResult.Invalid(status.ToDto(), new Dictionary<string, string[]> { ["backend"] = [ex.Message] });
            }

            await StartCoreAsync(options, backend);
            return CommandResult.Done(Status);
        }
        catch (StorageUnavailableException ex)
        {
            return CommandResult.Unavailable(Status, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The one place a run is checked against WebNet:Budget: REST and the hub both start runs here. Runs train on
    // MNIST-shaped data (784 inputs, 10 classes, at most 60,000 training images, and mixedDrawings more).
    private CommandResult? OverBudget(TrainingOptions options, int mixedDrawings)
    {
        var limits = budget.Value;
        // Retention keeps at most KeepAllEpochs + 1 (epoch 0 on) + KeepLaterEpochs + 1 (the latest) snapshots a run.
        var retention = storage.Value;
        var footprint = TrainingBudget.Estimate(options, 28 * 28, 10, 60_000 + mixedDrawings);
        footprint = footprint with { Epochs = (int)Math.Min(footprint.Epochs, (long)retention.KeepAllEpochs + retention.KeepLaterEpochs + 1) };
        var errors = TrainingBudget.Check(footprint, limits.MaxTrainingBytes, limits.MaxSnapshotBytes);
        if (errors.Count == 0)
        {
            return null;
        }

        var message = $"This run would need {TrainingBudget.Bytes(footprint.TrainingBytes)} of memory to train and {TrainingBudget.Bytes(footprint.SnapshotBytes)} of snapshots; "
            + $"the budget allows {TrainingBudget.Bytes(limits.MaxTrainingBytes)} ({BudgetOptions.Section}:{nameof(BudgetOptions.MaxTrainingBytes)}) and {TrainingBudget.Bytes(limits.MaxSnapshotBytes)} ({BudgetOptions.Section}:{nameof(BudgetOptions.MaxSnapshotBytes)}).";
        return CommandResult.OverBudget(Status, message, errors);
    }

    private Task<CommandResult> PauseHereAsync(CancellationToken cancellationToken) => CommandAsync(RunState.Paused, async status =>
    {
        if (status.State != RunState.Running)
        {
            return $"Only a running run can be paused; this one is {status.State.ToWireName()}.";
        }

        return await HaltLoopAsync(RunState.Paused);
    }, cancellationToken);

    private Task<CommandResult> ResumeHereAsync(CancellationToken cancellationToken) => CommandAsync(RunState.Running, async status =>
    {
        if (status.State != RunState.Paused)
        {
            return $"Only a paused run can be resumed; this one is {status.State.ToWireName()}.";
        }

        try
        {
            await ResumeCoreAsync();
            return null;
        }
        catch (BackendUnavailableException ex)
        {
            return ex.Message;
        }
    }, cancellationToken);

    private Task<CommandResult> StopHereAsync(CancellationToken cancellationToken) => CommandAsync(RunState.Stopped, async status =>
    {
        if (!status.State.IsActive())
        {
            return $"Only a running or paused run can be stopped; this one is {status.State.ToWireName()}.";
        }

        return status.State == RunState.Running ? await HaltLoopAsync(RunState.Stopped) : SetStored(RunState.Stopped);
    }, cancellationToken);

    /// <summary>Host shutdown: ends the loop between batches and leaves the stored state as it is, so the next start resumes.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CancelLoopAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    // The gate is not disposed: a host may call StopAsync after disposing its services, and a semaphore
    // without a wait handle holds nothing to release.
    public void Dispose() => _loopCancel?.Cancel();

    // Runs a pause/resume/stop under the gate: already in target -> Done; apply returns null or the conflict reason.
    private async Task<CommandResult> CommandAsync(RunState target, Func<RunStatus, Task<string?>> apply, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var status = Current;
            if (status.State == target && status.RunId is not null)
            {
                return CommandResult.Done(status.ToDto());
            }

            var conflict = await apply(status);
            return conflict is null ? CommandResult.Done(Status) : CommandResult.Conflict(Status, conflict);
        }
        catch (StorageUnavailableException ex)
        {
            // The database went away (PostgreSQL stopped): the state is not stored, so the command is not done.
            return CommandResult.Unavailable(Status, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string?> HaltLoopAsync(RunState target)
    {
        await CancelLoopAsync();
        var status = Current;
        return status.State == RunState.Running
            ? SetStored(target)
            : $"The run ended on its own as {status.State.ToWireName()} before it could be halted.";
    }

    private string? SetStored(RunState state)
    {
        var status = Current;
        store.SetState(status.RunId!.Value, state);
        SetStatus(status with { State = state, Message = null });
        return null;
    }
}
