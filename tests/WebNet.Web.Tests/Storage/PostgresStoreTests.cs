using Microsoft.Extensions.Logging.Abstractions;
using WebNet.Tests.Servers;
using WebNet.Web.Options;
using WebNet.Web.Storage.Postgres;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace WebNet.Web.Tests.Storage;

/// <summary>The storage suite on PostgreSQL: a database is a fresh one on this class's throwaway server.</summary>
public sealed class PostgresStoreTests(PostgresFixture postgres) : StoreSuite, IClassFixture<PostgresFixture>
{
    protected override string NewDatabase() => postgres.Server.CreateDatabase();

    protected override Stores Open(string database, StorageOptions? storage = null, int capacity = Core.Drawings.DrawingSet.MaxDrawings) =>
        OpenPostgres(database, storage, capacity);

    internal static Stores OpenPostgres(string connectionString, StorageOptions? storage = null, int capacity = Core.Drawings.DrawingSet.MaxDrawings)
    {
        var database = new PostgresDatabase(connectionString, NullLogger<PostgresDatabase>.Instance);
        Assert.Null(database.Fault);
        return new Stores(new PostgresRunStore(database, MsOptions.Create(storage ?? new StorageOptions())), new PostgresDrawingStore(database) { Capacity = capacity }, database);
    }
}
