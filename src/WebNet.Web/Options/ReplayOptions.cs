using System.ComponentModel.DataAnnotations;

namespace WebNet.Web.Options;

/// <summary>The WebNet:Replay section: how large a rendered heatmap GIF may get.</summary>
public sealed class ReplayOptions
{
    public const string Section = "WebNet:Replay";

    /// <summary>
    /// The most frames a GIF has; a longer run is thinned evenly, keeping its first and last epoch. 60 by default: the
    /// seed run's 230 epochs then make a GIF of 3.5 MB (120 frames made 4.9 MB), a second or two to download.
    /// </summary>
    [Range(2, 10_000)]
    public int MaxGifFrames { get; set; } = 60;

    /// <summary>
    /// The most frame pixels (4 bytes each: RGBA, unchanged pixels transparent) one render may hold: the encoder keeps every frame, so a wide layer gets
    /// fewer frames (never under 2). 96 MiB by default: the seed net's 60 frames take 49 MiB.
    /// </summary>
    [Range(typeof(long), "1048576", "9223372036854775807")]
    public long MaxGifFrameBytes { get; set; } = 96L << 20;
}
