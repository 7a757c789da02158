using System.ComponentModel.DataAnnotations;

namespace WebNet.Web.Cluster;

/// <summary>
/// The WebNet:Cluster section: how often a replica tries for the trainer lease and re-reads the shared run, and how
/// long a forwarded control command waits for the trainer. Only read when the app is scaled out (WebNet:Redis and
/// WebNet:Storage:Provider=postgres both set; see <see cref="ClusterSettings"/>).
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "WebNet:Cluster";

    /// <summary>A replica without the lease tries for it this often; the holder checks its lease connection as often. 1 s by default.</summary>
    [Range(50, 60_000)]
    public int LeaseIntervalMilliseconds { get; set; } = 1000;

    /// <summary>A follower re-reads the current run and the latest checkpoint at least this often (Redis messages wake it sooner). 1 s by default.</summary>
    [Range(50, 60_000)]
    public int SyncIntervalMilliseconds { get; set; } = 1000;

    /// <summary>A control command forwarded to the trainer is answered 503 when no answer comes within this time. 15 s by default.</summary>
    [Range(100, 600_000)]
    public int CommandTimeoutMilliseconds { get; set; } = 15_000;

    public TimeSpan LeaseInterval => TimeSpan.FromMilliseconds(LeaseIntervalMilliseconds);

    public TimeSpan SyncInterval => TimeSpan.FromMilliseconds(SyncIntervalMilliseconds);

    public TimeSpan CommandTimeout => TimeSpan.FromMilliseconds(CommandTimeoutMilliseconds);
}
