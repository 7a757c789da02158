using Microsoft.Extensions.DependencyInjection.Extensions;
using WebNet.Web.Storage.Sqlite;

namespace WebNet.Web.Storage;

public static class StorageExtensions
{
    /// <summary>The run and drawing stores (SQLite in the data folder) and the disk-space check that pauses training before a disk fills.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton<SqliteRunStore>();
        services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<SqliteRunStore>());
        services.AddSingleton<IDrawingStore, SqliteDrawingStore>();
        services.TryAddSingleton<DiskSpace>();
        return services;
    }
}
