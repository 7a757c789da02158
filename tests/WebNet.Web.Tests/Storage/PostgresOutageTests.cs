using WebNet.Tests.Servers;
using WebNet.Web.Storage;
using WebNet.Web.Training;

namespace WebNet.Web.Tests.Storage;

/// <summary>
/// The stores while PostgreSQL is stopped: every call is a StorageUnavailableException naming the server (the API's
/// 503), and the same store instances work again once it is back, without a restart of the app. The server is this
/// class's own: its tests stop it.
/// </summary>
public sealed class PostgresOutageTests(PostgresFixture own) : IClassFixture<PostgresFixture>
{
    private readonly PostgresServer _server = own.Server;

    [Fact]
    public void AStoppedServerMakesEveryCallUnavailableAndTheSameStoresRecoverWhenItIsBack()
    {
        var (stores, id) = RunWithTwoEpochs();
        using var owned = stores;

        _server.Stop();
        try
        {
            var unavailable = Assert.Throws<StorageUnavailableException>(() => stores.Runs.GetHistory(id));
            Assert.Contains($"postgres://127.0.0.1:{_server.Port}/", unavailable.Message, StringComparison.Ordinal);
            Assert.Contains("does not answer", unavailable.Message, StringComparison.Ordinal);
            Assert.Throws<StorageUnavailableException>(() => StoredEpochs.Save(stores.Runs, id, last: 2, first: 2));
            Assert.Throws<StorageUnavailableException>(() => stores.Runs.SetState(id, RunState.Paused));
            Assert.Throws<StorageUnavailableException>(() => stores.Runs.ReadSnapshots(id, [0, 1]).ToList());
            Assert.Throws<StorageUnavailableException>(() => stores.Drawings.Snapshot());
            Assert.Null(stores.Runs.Fault);
        }
        finally
        {
            _server.StartAgain();
        }

        Assert.Equal(2, stores.Runs.GetHistory(id).Count);
        StoredEpochs.Save(stores.Runs, id, last: 2, first: 2);
        Assert.Equal([0, 1, 2], stores.Runs.ReadSnapshots(id, [0, 1, 2]).Select(s => s.Epoch));
        Assert.Empty(stores.Drawings.Snapshot().Rows);
    }

    [Fact]
    public void PooledConnectionsTheServerCutWhileIdleAreReplacedWithoutAFailedCall()
    {
        var (stores, id) = RunWithTwoEpochs();
        using var owned = stores;

        // The pool holds idle connections to the old server process; a restart cuts them all.
        _server.Stop();
        _server.StartAgain();

        Assert.Equal(2, stores.Runs.GetHistory(id).Count);
        Assert.Equal([0, 1], stores.Runs.ReadSnapshots(id, [0, 1]).Select(s => s.Epoch));
        Assert.Equal(0, stores.Drawings.Count());
    }

    private (Stores Stores, long RunId) RunWithTwoEpochs()
    {
        var stores = PostgresStoreTests.OpenPostgres(_server.CreateDatabase());
        var id = stores.Runs.CreateRun(StoredEpochs.Options, "cpu", "test");
        StoredEpochs.Save(stores.Runs, id, last: 1);
        return (stores, id);
    }

    [Fact]
    public void StoresOpenedWhileTheServerIsDownCreateTheSchemaOnceItIsUp()
    {
        var database = _server.CreateDatabase();
        _server.Stop();
        Stores stores;
        try
        {
            stores = PostgresStoreTests.OpenPostgres(database);
            Assert.Throws<StorageUnavailableException>(() => stores.Runs.CreateRun(StoredEpochs.Options, "cpu", "test"));
        }
        finally
        {
            _server.StartAgain();
        }

        using (stores)
        {
            var id = stores.Runs.CreateRun(StoredEpochs.Options, "cpu", "test");
            Assert.Equal(id, stores.Runs.LatestRun()!.Id);
        }
    }
}
