using Microsoft.Extensions.Logging.Abstractions;
using WebNet.Web.Options;
using WebNet.Web.Storage.Sqlite;
using WebNet.Web.Tests.Infrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace WebNet.Web.Tests.Storage;

/// <summary>The storage suite on SQLite: a database is webnet.db in a temporary data folder of its own.</summary>
public sealed class SqliteStoreTests : StoreSuite
{
    private readonly List<string> _folders = [];

    protected override string NewDatabase()
    {
        var folder = WebNetFactory.NewDataPath();
        _folders.Add(folder);
        return folder;
    }

    protected override Stores Open(string database, StorageOptions? storage = null, int capacity = Core.Drawings.DrawingSet.MaxDrawings)
    {
        var runs = new SqliteRunStore(MsOptions.Create(new WebNetOptions { DataPath = database }), MsOptions.Create(storage ?? new StorageOptions()), NullLogger<SqliteRunStore>.Instance);
        Assert.Null(runs.Fault);
        return new Stores(runs, new SqliteDrawingStore(runs) { Capacity = capacity });
    }

    public override void Dispose()
    {
        base.Dispose();
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
