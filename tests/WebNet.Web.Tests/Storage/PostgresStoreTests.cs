using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WebNet.Tests.Servers;
using WebNet.Web.Options;
using WebNet.Web.Storage;
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

    [Fact]
    public void ADatabaseWithANewerSchemaIsALastingFaultNamingItsVersion()
    {
        var database = NewDatabase();
        Own(OpenPostgres(database)).Runs.CreateRun(StoredEpochs.Options, "cpu", "test");
        using (var connection = new NpgsqlConnection(database))
        {
            connection.Open();
            using var command = new NpgsqlCommand("UPDATE schema_version SET version = 99;", connection);
            command.ExecuteNonQuery();
        }

        using var newer = new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance);
        Assert.Contains("schema version 99", newer.Fault?.Reason, StringComparison.Ordinal);
        var runs = new PostgresRunStore(newer, MsOptions.Create(new StorageOptions()));
        Assert.Same(newer.Fault, Assert.Throws<StorageUnavailableException>(runs.ListRuns).Fault);
    }

    [Fact]
    public void ADatabaseThatDoesNotExistIsUnavailableNotAnError()
    {
        var missing = new NpgsqlConnectionStringBuilder(NewDatabase()) { Database = "webnet_no_such_database" }.ConnectionString;
        var stores = Own(OpenPostgres(missing));

        var unavailable = Assert.Throws<StorageUnavailableException>(() => stores.Runs.CreateRun(StoredEpochs.Options, "cpu", "test"));
        Assert.Contains("webnet_no_such_database", unavailable.Message, StringComparison.Ordinal);
    }
}
