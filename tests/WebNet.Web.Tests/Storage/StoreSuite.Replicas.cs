using WebNet.Core.Drawings;
using WebNet.Web.Tests.Api;
using WebNet.Web.Training;

namespace WebNet.Web.Tests.Storage;

/// <summary>The labelled drawings, and two sets of stores on one database, as two app replicas hold them.</summary>
public abstract partial class StoreSuite
{
    [Fact]
    public void DrawingsAreStoredListedExportedAndDeletedWithWhatTheModelAnswered()
    {
        var drawings = Fresh().Drawings;
        var seven = TestImages.SevenPng();
        var input = Enumerable.Range(0, 784).Select(i => (byte)(i % 256)).ToArray();
        var when = new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.Zero);

        var ids = drawings.Add([(new LabelledDrawing(7, seven), input, 1, "run 1, epoch 3"), (new LabelledDrawing(3, seven), new byte[784], null, null)], when)!;

        Assert.Equal(2, ids.Count);
        Assert.Equal(2, drawings.Count());
        var listed = drawings.List();
        Assert.Equal(ids, listed.Select(d => d.Id));
        Assert.Equal((7, 1, "run 1, epoch 3", when), (listed[0].Label, listed[0].Answer, listed[0].Model, listed[0].CreatedAt));
        Assert.Equal(input, listed[0].Input);
        Assert.Equal((3, null, null), (listed[1].Label, listed[1].Answer, listed[1].Model));
        Assert.Equal(seven, drawings.Png(ids[0]));
        Assert.Null(drawings.Png(ids[1] + 100));
        Assert.Equal([7, 3], drawings.All().Drawings.Select(d => d.Label));
        Assert.Equal(2, drawings.Inputs()!.Count);

        Assert.True(drawings.Delete(ids[0]));
        Assert.False(drawings.Delete(ids[0]));
        Assert.Equal(ids[1], Assert.Single(drawings.Snapshot().Rows).Id);
        var split = drawings.Split(0.5);
        Assert.Equal(1, split.HeldOutCount + split.TrainingCount);
    }

    [Fact]
    public void AFullDrawingStoreRefusesMoreAndKeepsWhatItHas()
    {
        var drawings = Fresh(capacity: 2).Drawings;
        var one = (new LabelledDrawing(1, TestImages.SevenPng()), new byte[784], (int?)null, (string?)null);
        Assert.NotNull(drawings.Add([one], DateTimeOffset.UtcNow));

        Assert.Null(drawings.Add([one, one], DateTimeOffset.UtcNow));
        Assert.Equal(1, drawings.Count());
        Assert.Single(drawings.Add([one], DateTimeOffset.UtcNow)!);
        Assert.Equal(2, drawings.Count());
    }

    [Fact]
    public void TwoReplicasOnOneDatabaseGetDistinctRunIdsAndSeeEachOthersRunsAndDrawingsAtOnce()
    {
        var database = NewDatabase();
        var a = Own(Open(database));
        var b = Own(Open(database));

        // Both create runs at the same time: every id distinct.
        var ids = new long[40];
        Parallel.For(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => ids[i] = (i % 2 == 0 ? a : b).Runs.CreateRun(StoredEpochs.Options, "cpu", "test"));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(ids.Max(), b.Runs.LatestRun()!.Id);

        // What one stores, the other reads without a restart: epochs, state, checkpoint.
        var run = ids.Max();
        StoredEpochs.Save(a.Runs, run, last: 2);
        a.Runs.SetState(run, RunState.Paused, "lease lost");
        Assert.Equal(3, b.Runs.GetHistory(run).Count);
        Assert.Equal((RunState.Paused, "lease lost", 2), (b.Runs.GetRun(run)!.State, b.Runs.GetRun(run)!.Message, b.Runs.LoadCheckpoint(run)!.Epoch));

        // The same epoch stored by both (the old lease holder and the new one): still one row.
        StoredEpochs.Save(b.Runs, run, last: 2, first: 2);
        Assert.Equal([0, 1, 2], a.Runs.GetHistory(run).Select(e => e.Epoch));

        // B's cached drawings snapshot is read again as soon as A adds or deletes one.
        Assert.Empty(b.Drawings.Snapshot().Rows);
        var id = Assert.Single(a.Drawings.Add([(new LabelledDrawing(4, TestImages.SevenPng()), new byte[784], null, null)], DateTimeOffset.UtcNow)!);
        Assert.Equal(id, Assert.Single(b.Drawings.Snapshot().Rows).Id);
        Assert.Equal(1, b.Drawings.Inputs()!.Count);
        Assert.True(a.Drawings.Delete(id));
        Assert.Empty(b.Drawings.Snapshot().Rows);
        Assert.False(b.Drawings.Delete(id));
    }

    [Fact]
    public void TwoReplicasAddingDrawingsAtOnceNeverPassTheCap()
    {
        var database = NewDatabase();
        var replicas = new[] { Own(Open(database, capacity: 10)), Own(Open(database, capacity: 10)) };
        var one = (new LabelledDrawing(2, TestImages.SevenPng()), new byte[784], (int?)null, (string?)null);

        var added = 0;
        Parallel.For(0, 30, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (replicas[i % 2].Drawings.Add([one], DateTimeOffset.UtcNow) is not null)
            {
                Interlocked.Increment(ref added);
            }
        });

        Assert.Equal(10, added);
        Assert.Equal(10, replicas[0].Drawings.Count());
    }
}
