using WebNet.Core.Drawings;
using WebNet.Web.Options;
using WebNet.Web.Storage;
using WebNet.Web.Tests.Api;
using WebNet.Web.Training;

namespace WebNet.Web.Tests.Storage;

/// <summary>
/// The storage contract, run against every implementation on a real database (SqliteStoreTests, PostgresStoreTests):
/// runs, epochs, history, snapshots and retention, checkpoints, state changes and drawings. Each test has a fresh
/// database; <see cref="Open"/> may be called again on it, as a restarted app or a second replica would.
/// </summary>
public abstract partial class StoreSuite : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    /// <summary>A new, empty database; what <see cref="Open"/> takes to open stores on it.</summary>
    protected abstract string NewDatabase();

    /// <summary>New store instances on the database, with the given retention and drawing cap.</summary>
    protected abstract Stores Open(string database, StorageOptions? storage = null, int capacity = DrawingSet.MaxDrawings);

    public virtual void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected Stores Fresh(StorageOptions? storage = null, int capacity = DrawingSet.MaxDrawings) => Own(Open(NewDatabase(), storage, capacity));

    protected T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }

    [Fact]
    public void ARunIsCreatedRunningAndReadsBackWithItsOptionsBackendAndDevice()
    {
        var runs = Fresh().Runs;
        var id = runs.CreateRun(StoredEpochs.Options, "cpu", "8 threads");

        var run = Assert.IsType<RunRecord>(runs.GetRun(id));
        Assert.Equal(RunState.Running, run.State);
        Assert.Equal(StoredEpochs.Options.Hidden, run.Options.Hidden);
        Assert.Equal(StoredEpochs.Options.LearningRate, run.Options.LearningRate);
        Assert.Equal(("cpu", "8 threads", 0, false), (run.Backend, run.Device, run.Epoch, run.HasHistory));
        Assert.Null(run.BestAccuracy);
        Assert.InRange(run.StartedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Null(runs.GetRun(id + 1000));
        Assert.Null(runs.LoadCheckpoint(id));
        Assert.Empty(runs.GetHistory(id));
    }

    [Fact]
    public void RunIdsAreNeverReusedAndRunsAreListedNewestFirst()
    {
        var runs = Fresh().Runs;
        Assert.Null(runs.LatestRun());
        Assert.Empty(runs.ListRuns());

        var ids = Enumerable.Range(0, 3).Select(_ => runs.CreateRun(StoredEpochs.Options, "cpu", "test")).ToArray();

        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Reverse(), runs.ListRuns().Select(r => r.Id));
        Assert.Equal(ids[^1], runs.LatestRun()!.Id);
    }

    [Fact]
    public void AnEpochIsStoredWithItsSnapshotAndCheckpointAndReadsBackExactly()
    {
        var runs = Fresh().Runs;
        var id = runs.CreateRun(StoredEpochs.Options, "cpu", "test");
        StoredEpochs.Save(runs, id, last: 2);

        var history = runs.GetHistory(id);
        Assert.Equal([0, 1, 2], history.Select(e => e.Epoch));
        var second = history[2];
        var expected = StoredEpochs.Result(2, StoredEpochs.Accuracy(2));
        Assert.Equal((id, expected.TestAccuracy, expected.TestLoss, expected.TrainLoss, expected.Seconds, expected.SamplesPerSecond),
            (second.RunId, second.TestAccuracy, second.TestLoss, second.TrainLoss, second.Seconds, second.SamplesPerSecond));
        Assert.Null(second.DrawingsAccuracy);

        var checkpoint = runs.LoadCheckpoint(id)!;
        var saved = StoredEpochs.Checkpoint(2);
        Assert.Equal((saved.Epoch, saved.OptimizerStep, saved.RandomState), (checkpoint.Epoch, checkpoint.OptimizerStep, checkpoint.RandomState));
        Assert.Equal(saved.Parameters, checkpoint.Parameters);
        Assert.Equal(saved.OptimizerState, checkpoint.OptimizerState);

        var weights = runs.GetWeights(id, null)!;
        Assert.Equal(StoredEpochs.Weights(2).Layers[0].Weights, weights.Layers[0].Weights);
        Assert.Equal(StoredEpochs.Weights(1).Layers[1].Biases, runs.GetWeights(id, 1)!.Layers[1].Biases);
        Assert.Null(runs.GetWeights(id, 9));

        var run = runs.GetRun(id)!;
        Assert.Equal((2, StoredEpochs.Accuracy(2), true, RunState.Running), (run.Epoch, run.BestAccuracy, run.HasHistory, run.State));
    }

    [Fact]
    public void AnEpochSavedTwiceIsOneRowWithTheLaterValuesAndTheBestAccuracyStays()
    {
        var runs = Fresh().Runs;
        var id = runs.CreateRun(StoredEpochs.Options, "cpu", "test");
        StoredEpochs.Save(runs, id, last: 1);

        // Epoch 1 again, as a retry or a replica that lost the trainer lease would store it.
        runs.SaveEpoch(id, StoredEpochs.Result(1, 0.05), StoredEpochs.Weights(1), StoredEpochs.Checkpoint(1), RunState.Running, drawingsAccuracy: 0.75);

        var history = runs.GetHistory(id);
        Assert.Equal([0, 1], history.Select(e => e.Epoch));
        Assert.Equal((0.05, 0.75), (history[1].TestAccuracy, history[1].DrawingsAccuracy));
        Assert.Equal([0, 1], runs.GetSnapshotEpochs(id));
        Assert.Equal(StoredEpochs.Accuracy(1), runs.GetRun(id)!.BestAccuracy);
    }

    [Fact]
    public void StateChangesAreStoredWithTheirMessageAndKeepTheBackendUnlessGivenAnother()
    {
        var runs = Fresh().Runs;
        var id = runs.CreateRun(StoredEpochs.Options, "cpu", "test");

        runs.SetState(id, RunState.Paused, "Paused for want of disk space.");
        Assert.Equal((RunState.Paused, "Paused for want of disk space.", "cpu"), (runs.GetRun(id)!.State, runs.GetRun(id)!.Message, runs.GetRun(id)!.Backend));

        runs.SetState(id, RunState.Running, null, "ilgpu-cpu", "ILGPU CPU");
        var resumed = runs.GetRun(id)!;
        Assert.Equal((RunState.Running, null, "ilgpu-cpu", "ILGPU CPU"), (resumed.State, resumed.Message, resumed.Backend, resumed.Device));

        StoredEpochs.Save(runs, id, last: StoredEpochs.Options.Epochs, first: StoredEpochs.Options.Epochs);
        Assert.Equal(RunState.Completed, runs.GetRun(id)!.State);
        runs.SetState(id, RunState.Stopped);
        Assert.Equal(RunState.Stopped, runs.LatestRun()!.State);
    }

    [Fact]
    public void RetentionKeepsTheFirstEpochsThenASpreadAndReplayFindsTheKeptSnapshotBefore()
    {
        var runs = Fresh(new StorageOptions { KeepAllEpochs = 3, KeepLaterEpochs = 2 }).Runs;
        var id = runs.CreateRun(StoredEpochs.Options, "cpu", "test");
        StoredEpochs.Save(runs, id, last: 12);

        // Epochs 4..11 at stride 4 (the smallest power of two leaving at most 2 after epoch 3), and the last.
        Assert.Equal([0, 1, 2, 3, 7, 11, 12], runs.GetSnapshotEpochs(id));
        Assert.Equal(13, runs.GetHistory(id).Count);
        Assert.Equal(7, runs.GetReplayWeights(id, 9)!.Value.Epoch);
        Assert.Equal(StoredEpochs.Weights(7).Layers[0].Weights, runs.GetReplayWeights(id, 9)!.Value.Weights.Layers[0].Weights);
        Assert.Equal(11, runs.GetReplayWeights(id, 11)!.Value.Epoch);
        Assert.Null(runs.GetReplayWeights(id, 13));
        Assert.Null(runs.GetWeights(id, 9));

        var read = runs.ReadSnapshots(id, [12, 2, 7, 5]).ToList();
        Assert.Equal([2, 7, 12], read.Select(s => s.Epoch));
        Assert.Equal(StoredEpochs.Weights(12).Layers[1].Weights, read[2].Weights.Layers[1].Weights);
        Assert.Empty(runs.GetSnapshotEpochs(id + 1));
    }

    [Fact]
    public void HistoryCheckpointsAndDrawingsOutliveTheStoresThatWroteThem()
    {
        var database = NewDatabase();
        long id;
        using (var first = Open(database))
        {
            id = first.Runs.CreateRun(StoredEpochs.Options, "cpu", "test");
            StoredEpochs.Save(first.Runs, id, last: 3);
            first.Runs.SetState(id, RunState.Paused, "The app stopped during this run.");
            first.Drawings.Add([(new LabelledDrawing(7, TestImages.SevenPng()), new byte[784], 7, "run 1, epoch 3")], DateTimeOffset.UtcNow);
        }

        var reopened = Own(Open(database));
        Assert.Equal(id, reopened.Runs.LatestRun()!.Id);
        Assert.Equal((RunState.Paused, 3), (reopened.Runs.GetRun(id)!.State, reopened.Runs.GetRun(id)!.Epoch));
        Assert.Equal(4, reopened.Runs.GetHistory(id).Count);
        Assert.Equal(StoredEpochs.Checkpoint(3).Parameters, reopened.Runs.LoadCheckpoint(id)!.Parameters);
        Assert.Equal(7, Assert.Single(reopened.Drawings.List()).Label);
    }
}
