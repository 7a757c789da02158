using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WebNet.Core.Imaging;
using WebNet.Web.Options;
using WebNet.Web.Storage;

namespace WebNet.Web.Replay;

/// <summary>
/// A run's heatmap GIF, rendered at most once per (run, last stored epoch, frame count) into cache/ in the data
/// folder. Snapshots are read and rendered one at a time, a long run is thinned to ReplayOptions' frame cap, and an
/// older GIF of the same run is deleted when a newer one replaces it. Every frame is on one colour scale, the one the
/// dashboard uses for the run's last epoch (ReplayFrames.ScreenScale). Concurrent renders are bounded by the
/// gif-rendering rate-limit policy on the endpoint, not here.
/// </summary>
public sealed class HeatmapGifCache(IRunStore store, IOptions<WebNetOptions> web, IOptions<ReplayOptions> replay)
{
    public const int Zoom = 2;
    public const int Gap = 2;
    private readonly ConcurrentDictionary<string, object> _rendering = new(StringComparer.Ordinal);
    private int _renders;

    public string Folder => Path.Combine(web.Value.ResolvedDataPath, "cache");

    /// <summary>How many GIFs this process has rendered (a cache hit renders none).</summary>
    internal int Renders => Volatile.Read(ref _renders);

    /// <summary>The GIF, opened for reading (so a newer render cannot delete it under the caller), or null when the run has no snapshots.</summary>
    public FileStream? Open(long runId)
    {
        var epochs = store.GetSnapshotEpochs(runId);
        if (epochs.Count == 0)
        {
            return null;
        }

        var (_, neurons, inputs) = ReplayFrames.FirstLayer(store.ReadSnapshots(runId, [epochs[0]]).First().Weights);
        var (width, height) = HeatmapRenderer.Size(neurons, inputs, Zoom, Gap);
        var cap = (int)Math.Clamp(replay.Value.MaxGifFrameBytes / ((long)width * height * 4), 2, replay.Value.MaxGifFrames); // RGBA frames
        var chosen = ReplayFrames.Thin(epochs, cap);
        var path = Path.Combine(Folder, $"run-{runId}-to-epoch-{epochs[^1]}-frames-{chosen.Count}-fixed-scale.gif");
        if (!File.Exists(path))
        {
            // One render per file: requests for the same GIF that arrive meanwhile wait for it instead of rendering again.
            lock (_rendering.GetOrAdd(path, _ => new object()))
            {
                if (!File.Exists(path))
                {
                    Render(runId, chosen, neurons, inputs, path);
                }
            }

            _rendering.TryRemove(path, out _);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
    }

    private void Render(long runId, IReadOnlyList<int> epochs, int neurons, int inputs, string path)
    {
        Directory.CreateDirectory(Folder);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var scale = ReplayFrames.ScreenScale(store.ReadSnapshots(runId, [epochs[^1]]).First().Weights);
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                // Lazy: each snapshot is read, decoded and rendered before the next is read.
                var frames = store.ReadSnapshots(runId, epochs)
                    .Select(s => ReplayFrames.FirstLayer(s.Weights))
                    .Where(f => f.Neurons == neurons && f.Inputs == inputs)
                    .Select(f => f.Values);
                HeatmapRenderer.AnimatedGif(frames, neurons, inputs, file, Zoom, Gap, scale: scale);
            }

            File.Move(temp, path, overwrite: true); // whole files only: a reader never sees a half-written GIF
            Interlocked.Increment(ref _renders);
        }
        finally
        {
            File.Delete(temp);
        }

        foreach (var stale in Directory.EnumerateFiles(Folder, $"run-{runId}-to-epoch-*.gif").Where(f => f != path))
        {
            File.Delete(stale);
        }
    }
}
