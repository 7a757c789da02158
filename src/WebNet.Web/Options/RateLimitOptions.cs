using System.ComponentModel.DataAnnotations;

namespace WebNet.Web.Options;

/// <summary>
/// The WebNet:RateLimits section: requests per client address (fixed windows) on the expensive public endpoints,
/// and how many heatmap GIFs render at once. Generous by default: scripts/classify-load.sh sends 1,000 classify
/// requests a second from one address and must pass.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "WebNet:RateLimits";

    /// <summary>POST /api/classify and /api/insight/explain together, per client address per second. 2,000 by default.</summary>
    [Range(1, int.MaxValue)]
    public int DrawingPerSecond { get; set; } = 2000;

    /// <summary>/api/insight calls (importance, ablation, confusion, heatmap), per client address per minute. 600 by default.</summary>
    [Range(1, int.MaxValue)]
    public int InsightPerMinute { get; set; } = 600;

    /// <summary>Replay PNGs (/api/runs/{id}/epochs/{epoch}/heatmap.png), per client address per minute. 600 by default.</summary>
    [Range(1, int.MaxValue)]
    public int ImagesPerMinute { get; set; } = 600;

    /// <summary>Heatmap GIF requests served at once, over all clients (a render holds its frames in memory). 2 by default.</summary>
    [Range(1, 64)]
    public int GifRenders { get; set; } = 2;

    /// <summary>GIF requests that wait for a free render before the rest are answered 503. 2 by default.</summary>
    [Range(0, 1000)]
    public int GifQueue { get; set; } = 2;
}
