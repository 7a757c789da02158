using WebNet.Web.Storage;

namespace WebNet.Web.Tests.Storage;

/// <summary>The imported model: kept with where training stood, only the latest, and seen by every store on the database.</summary>
public abstract partial class StoreSuite
{
    [Fact]
    public void OnlyTheLatestImportedModelIsKeptWithTheRunAndEpochItCameAfter()
    {
        var database = NewDatabase();
        var a = Own(Open(database));
        var b = Own(Open(database));
        Assert.Null(a.Runs.LatestImport());

        var when = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        a.Runs.SaveImport(new StoredImport("""{"format":"first"}"""u8.ToArray(), null, 0, when));
        var run = a.Runs.CreateRun(StoredEpochs.Options, "cpu", "test");
        a.Runs.SaveImport(new StoredImport("""{"format":"second"}"""u8.ToArray(), run, 3, when.AddMinutes(1)));

        var latest = b.Runs.LatestImport()!;
        Assert.Equal("""{"format":"second"}"""u8.ToArray(), latest.Document);
        Assert.Equal((run, 3, when.AddMinutes(1)), (latest.AfterRunId, latest.AfterEpoch, latest.ImportedAt));
    }
}
