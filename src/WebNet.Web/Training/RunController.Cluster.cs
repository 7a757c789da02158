using WebNet.Core.Training;
using WebNet.Web.Cluster;
using WebNet.Web.Models;
using WebNet.Web.Storage;

namespace WebNet.Web.Training;

/// <summary>
/// The control commands' entry points and the scaled-out roles. Single process (no <see cref="ClusterLink"/>), every
/// command runs here. Scaled out, a replica without the trainer lease forwards commands to the holder and answers
/// with the holder's result; it never trains, and it follows the shared run (status and model) from storage.
/// </summary>
public sealed partial class RunController
{
    private (long RunId, int Epoch)? _followed;

    public Task<CommandResult> StartAsync(TrainingOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return cluster is { IsTrainer: false } link
            ? ForwardAsync(link, ControlCommand.Start, StoredOptions.Write(options), cancellationToken)
            : StartHereAsync(options, cancellationToken);
    }

    public Task<CommandResult> PauseAsync(CancellationToken cancellationToken) => cluster is { IsTrainer: false } link
        ? ForwardAsync(link, ControlCommand.Pause, null, cancellationToken)
        : PauseHereAsync(cancellationToken);

    public Task<CommandResult> ResumeAsync(CancellationToken cancellationToken) => cluster is { IsTrainer: false } link
        ? ForwardAsync(link, ControlCommand.Resume, null, cancellationToken)
        : ResumeHereAsync(cancellationToken);

    public Task<CommandResult> StopAsync(CancellationToken cancellationToken) => cluster is { IsTrainer: false } link
        ? ForwardAsync(link, ControlCommand.Stop, null, cancellationToken)
        : StopHereAsync(cancellationToken);

    /// <summary>The lease holder runs a command another replica forwarded; a replica that lost the lease meanwhile refuses it.</summary>
    internal async Task<CommandResult> ExecuteForwardedAsync(ControlCommand command, string? options, CancellationToken cancellationToken)
    {
        if (cluster is not { IsTrainer: true })
        {
            return CommandResult.Unreachable(Status, "No trainer reachable: the replica asked no longer holds the trainer lease. Try again.");
        }

        try
        {
            return command switch
            {
                ControlCommand.Start => await StartHereAsync(StoredOptions.Read(options ?? throw new InvalidDataException("A forwarded start has no options.")), cancellationToken),
                ControlCommand.Pause => await PauseHereAsync(cancellationToken),
                ControlCommand.Resume => await ResumeHereAsync(cancellationToken),
                _ => await StopHereAsync(cancellationToken),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The shared database failed under the command: the caller hears why instead of waiting for a timeout.
            return CommandResult.Unavailable(Status, $"The trainer could not carry out {command}: {ex.Message}");
        }
    }

    /// <summary>This replica now holds the lease: it shows the latest run, resumes it from its last checkpoint if it was running, and starts the seed preset (autoStart) when there is no run yet.</summary>
    internal async Task TakeLeadAsync(bool autoStart, CancellationToken stopping)
    {
        _stopping = stopping;
        await _gate.WaitAsync(stopping);
        try
        {
            var latest = store.LatestRun();
            await RestoreAsync(latest, autoStart && latest is null, resumeRunning: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The lease is gone: the loop is cancelled at once (it stores nothing more) and this replica follows again.</summary>
    internal async Task LoseLeadAsync()
    {
        // Not behind the gate first: a command in progress may hold it while the loop trains on.
        try
        {
            _loopCancel?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The loop ended and its source was disposed meanwhile: nothing is training.
        }

        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await CancelLoopAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A follower re-reads the shared run: its state for GET /api/training and the hub, and the latest checkpoint as the model it answers with.</summary>
    internal void Follow()
    {
        if (!_gate.Wait(0))
        {
            return; // a command or a lease change is under way; the next tick reads again
        }

        try
        {
            if (cluster is not { IsTrainer: false })
            {
                return;
            }

            var latest = store.LatestRun();
            lock (_sync)
            {
                _status = latest is null ? RunStatus.Idle : RunStatus.From(latest);
            }

            // Only a newer checkpoint is swapped in, so a model imported on this replica stays until the next epoch.
            if (latest is not null && _followed != (latest.Id, latest.Epoch) && PublishCheckpoint(latest) is { } epoch)
            {
                _followed = (latest.Id, latest.Epoch);
                imports.Restore(latest); // a model imported since this epoch answers instead, as on a restarted app
                ClusterLog.ModelFollowed(logger, latest.Id, epoch);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CommandResult> ForwardAsync(ClusterLink link, ControlCommand command, string? options, CancellationToken cancellationToken)
    {
        var result = await link.ForwardAsync(command, options, Status, cancellationToken);
        if (result.Outcome == CommandOutcome.Done)
        {
            Follow(); // the trainer stored the new state before it answered: this replica shows it at once
        }

        return result;
    }
}
