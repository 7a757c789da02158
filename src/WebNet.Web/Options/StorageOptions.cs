using System.ComponentModel.DataAnnotations;

namespace WebNet.Web.Options;

/// <summary>
/// The WebNet:Storage section: where runs and drawings live (SQLite in the data folder, or PostgreSQL for replicas that
/// share them), free space kept on the data disk, and how many weight snapshots a run keeps.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "WebNet:Storage";

    /// <summary>The connection string PostgreSQL is reached by: ConnectionStrings:WebNet.</summary>
    public const string ConnectionStringName = "WebNet";

    /// <summary>sqlite (default: webnet.db in WebNet:DataPath) or postgres (ConnectionStrings:WebNet).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Below this much free space on the data folder's disk a running run pauses (and /health/ready fails). 256 MiB by default.</summary>
    [Range(typeof(long), "0", "9223372036854775807")]
    public long MinFreeBytes { get; set; } = 256L << 20;

    /// <summary>Every epoch's snapshot is kept up to this epoch. 50 by default.</summary>
    [Range(0, int.MaxValue)]
    public int KeepAllEpochs { get; set; } = 50;

    /// <summary>After KeepAllEpochs, about this many more snapshots are kept, spread evenly (and always the latest). 100 by default.</summary>
    [Range(1, int.MaxValue)]
    public int KeepLaterEpochs { get; set; } = 100;
}
