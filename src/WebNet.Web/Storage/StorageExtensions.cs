using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebNet.Web.Options;
using WebNet.Web.Storage.Postgres;
using WebNet.Web.Storage.Sqlite;

namespace WebNet.Web.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// The run and drawing stores of WebNet:Storage:Provider: SQLite in the data folder (default) or PostgreSQL at
    /// ConnectionStrings:WebNet; and the disk-space check that pauses training before the data disk fills.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton<SqliteRunStore>();
        services.AddSingleton<SqliteDrawingStore>();
        services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<IConfiguration>().GetConnectionString(StorageOptions.ConnectionStringName)!,
            sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        services.AddSingleton<PostgresRunStore>();
        services.AddSingleton<PostgresDrawingStore>();
        services.AddSingleton<IRunStore>(sp => UsesPostgres(sp) ? sp.GetRequiredService<PostgresRunStore>() : sp.GetRequiredService<SqliteRunStore>());
        services.AddSingleton<IDrawingStore>(sp => UsesPostgres(sp) ? sp.GetRequiredService<PostgresDrawingStore>() : sp.GetRequiredService<SqliteDrawingStore>());
        services.TryAddSingleton<DiskSpace>();
        return services;
    }

    public static bool UsesPostgres(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres;
}
