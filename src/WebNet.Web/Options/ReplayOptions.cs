using System.ComponentModel.DataAnnotations;

namespace WebNet.Web.Options;

/// <summary>The WebNet:Replay section: how large a rendered heatmap GIF may get.</summary>
public sealed class ReplayOptions
{
    public const string Section = "WebNet:Replay";

    /// <summary>The most frames a GIF has; a longer run is thinned evenly, keeping its first and last epoch. 120 by default.</summary>
    [Range(2, 10_000)]
    public int MaxGifFrames { get; set; } = 120;

    /// <summary>
    /// The most frame pixels (3 bytes each) one render may hold: the encoder keeps every frame, so a wide layer gets
    /// fewer frames (never under 2). 96 MiB by default: the seed net's 120 frames take 73 MiB.
    /// </summary>
    [Range(typeof(long), "1048576", "9223372036854775807")]
    public long MaxGifFrameBytes { get; set; } = 96L << 20;
}
