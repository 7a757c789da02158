using System.Diagnostics;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Web.Cluster;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Storage;

namespace WebNet.Web.Training;

public sealed partial class RunController
{
    /// <summary>A failing epoch is retried from the last checkpoint this many times in a row before the run fails.</summary>
    internal const int MaxEpochRetries = 2;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private async Task StartLoopAsync(long runId, TrainingOptions options, ITrainingBackend backend, TrainerCheckpoint? resume)
    {
        // A loop that ended on its own may still be releasing its trainer: never two at once.
        await _loop;
        _loopCancel?.Dispose();
        _loopCancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        var token = _loopCancel.Token;
        // A dedicated thread: an epoch is seconds of CPU-bound work that must not hold a pool thread.
        _loop = Task.Factory.StartNew(() => RunLoop(runId, options, backend, resume, token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private async Task CancelLoopAsync()
    {
        if (_loopCancel is { } cancel)
        {
            await cancel.CancelAsync();
            await _loop;
            cancel.Dispose();
            _loopCancel = null;
        }
    }

    // Never throws: a cancelled loop leaves the state to the command that cancelled it; anything else ends the run.
    private void RunLoop(long runId, TrainingOptions options, ITrainingBackend backend, TrainerCheckpoint? resume, CancellationToken cancellationToken)
    {
        Trainer? trainer = null;
        var ownedBackend = backend;
        if (!TrainingPriority.TryApplyToCurrentThread(hostOptions.Value.Priority))
        {
            TrainingLog.PriorityRefused(logger, hostOptions.Value.Priority);
        }

        try
        {
            var (mnist, test) = datasets.Load();
            var train = MixDrawings(runId, mnist, options.Drawings);
            trainer = new Trainer(options, train, test, backend, resume);
            ownedBackend = null;
            if (resume is null)
            {
                TrainingLog.Evaluating(logger, runId, 0);
                CompleteEpoch(runId, trainer, trainer.Evaluate(cancellationToken));
            }

            var failures = 0;
            var progress = new ProgressThrottle(p => pusher.PostIfIdle(c => c.EpochProgress(p)), runId);
            void OnBatch(int batch, int batches)
            {
                progress.OnBatch(batch, batches);
                if (batch == batches)
                {
                    TrainingLog.Evaluating(logger, runId, progress.Epoch);
                }
            }

            while (trainer.Epoch < options.Epochs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                EpochResult result;
                try
                {
                    progress.Epoch = trainer.Epoch + 1;
                    result = trainer.RunEpoch(OnBatch, cancellationToken);
                    failures = 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && failures < MaxEpochRetries)
                {
                    failures++;
                    TrainingLog.EpochFailed(logger, ex, runId, trainer.Epoch + 1, failures);
                    trainer.Dispose();
                    trainer = null;
                    ownedBackend = backends.Create(options.Backend);
                    trainer = new Trainer(options, train, test, ownedBackend, store.LoadCheckpoint(runId));
                    ownedBackend = null;
                    continue;
                }

                if (!double.IsFinite(result.TrainLoss) || !double.IsFinite(result.TestLoss))
                {
                    var message = $"Training diverged in epoch {result.Epoch}: the loss is not finite. The weights of epoch {result.Epoch - 1} are kept; start again with a lower learning rate.";
                    TrainingLog.RunDiverged(logger, runId, result.Epoch);
                    Finish(runId, RunState.Diverged, message);
                    return;
                }

                CompleteEpoch(runId, trainer, result);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Pause, stop or shutdown: the part-trained epoch is dropped; the last checkpoint stands.
        }
        catch (LeaseLostException)
        {
            // Scaled out and the lease is gone: another replica resumes the run from its last checkpoint; nothing is stored here.
            cluster!.ReportHandedOver();
        }
        catch (StorageUnavailableException ex) when (cluster is not null)
        {
            // Scaled out, the shared database failed: another holder resumes the run; it is not this replica's to fail.
            cluster.GiveUpLease(ex);
        }
        catch (StorageFullException ex)
        {
            // No room for the epoch: pause, not fail, so that resume continues once there is space.
            TrainingLog.PausedForSpace(logger, runId, ex.Message);
            Finish(runId, RunState.Paused, ex.Message);
        }
        catch (StorageUnavailableException ex)
        {
            // The database went away: pause, not fail; the last stored epoch stands and resume continues from it once it is back.
            TrainingLog.PausedForStorage(logger, runId, ex.Message);
            Finish(runId, RunState.Paused, ex.Message);
        }
        catch (Exception ex)
        {
            TrainingLog.RunFailed(logger, ex, runId, ex.Message);
            Finish(runId, RunState.Failed, ex.Message);
        }
        finally
        {
            trainer?.Dispose();
            ownedBackend?.Dispose();
        }
    }

    // Persist, publish, push: in this order, so what the page shows is always recoverable after a crash.
    private void CompleteEpoch(long runId, Trainer trainer, EpochResult result)
    {
        var checkpoint = trainer.CreateCheckpoint();
        var model = new Mlp(trainer.Shape, checkpoint.Parameters);
        var weights = WeightQuantizer.Quantize(model);
        var done = result.Epoch >= trainer.Options.Epochs;
        var folder = web.Value.ResolvedDataPath;
        if (disk.Shortage(folder) is { } shortage)
        {
            throw new StorageFullException($"Paused before storing epoch {result.Epoch}: {shortage}");
        }

        var drawingsAccuracy = drawings.Score(model, trainer.Options.Drawings);
        if (cluster is not null && !cluster.ConfirmLease())
        {
            throw new LeaseLostException();
        }

        store.SaveEpoch(runId, result, weights, checkpoint, done ? RunState.Completed : RunState.Running, drawingsAccuracy);

        models.Publish(model, new ModelInfo(ModelInfo.FromTraining, runId, result.Epoch, result.TestAccuracy, trainer.Options, DateTimeOffset.UtcNow));
        TrainingLog.EpochCompleted(logger, runId, result.Epoch, result.TestAccuracy, result.TrainLoss, result.Seconds);
        cluster?.Announce();
        lock (_sync)
        {
            _status = _status with { Epoch = result.Epoch };
        }

        // Queued: training never waits for the dashboards; each connection receives the pushes in posting order.
        var epoch = new EpochDto(runId, result.Epoch, result.TestAccuracy, result.TestLoss, result.TrainLoss, result.Seconds, result.SamplesPerSecond, weights) { DrawingsAccuracy = drawingsAccuracy };
        pusher.Post(c => c.EpochCompleted(epoch));
        if (done)
        {
            SetStatus(Current with { State = RunState.Completed, Message = null });
        }
        else
        {
            var state = Current.ToDto();
            pusher.Post(c => c.RunState(state));
        }
    }

    private void Finish(long runId, RunState state, string message)
    {
        try
        {
            store.SetState(runId, state, message);
        }
        catch (Exception ex)
        {
            // The database itself is failing: the dashboard still learns the state, the log says why it is not stored.
            TrainingLog.RunFailed(logger, ex, runId, "its final state could not be stored");
        }

        SetStatus(Current with { State = state, Message = message });
    }

    /// <summary>Forwards batch progress to the hub at most about four times a second.</summary>
    private sealed class ProgressThrottle(Func<ProgressDto, bool> push, long runId)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = -ProgressInterval;

        public int Epoch { get; set; }

        public void OnBatch(int batch, int batches)
        {
            var now = _clock.Elapsed;
            if (now - _last < ProgressInterval)
            {
                return;
            }

            // A skipped push (the pusher still busy with an epoch) is tried again on the next batch.
            if (push(new ProgressDto(runId, Epoch, batch, batches)))
            {
                _last = now;
            }
        }
    }
}
