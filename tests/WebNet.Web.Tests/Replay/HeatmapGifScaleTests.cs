using System.Net;
using System.Net.Http.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Imaging;
using WebNet.Web.Contracts;
using WebNet.Web.Replay;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Replay;

/// <summary>A seed run's whole replay as one GIF: small enough to download at once, every frame on one colour scale.</summary>
public sealed class HeatmapGifScaleTests : IDisposable
{
    private const int Epochs = 230;
    private readonly WebNetFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ASeedRunsGifOfAllItsEpochsIsUnderFiveMegabytesAndItsFramesShareTheLastEpochsScreenScale()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/training/start", $$"""{"preset":"seed","batchSize":100,"learningRate":0.5,"epochs":{{Epochs}}}""")).StatusCode);
        var id = (await client.WaitForStateAsync("completed", TimeSpan.FromMinutes(5))).RunId!.Value;

        var bytes = await client.GetByteArrayAsync($"/api/runs/{id}/heatmaps.gif");
        Assert.True(bytes.Length < 5_000_000, $"the GIF is {bytes.Length:N0} bytes");

        using var gif = Image.Load<Rgb24>(bytes);
        var frameEpochs = ReplayFrames.Thin([.. Enumerable.Range(0, Epochs + 1)], gif.Frames.Count);
        Assert.Equal(Epochs, frameEpochs[^1]);
        var last = await WeightsAsync(client, id, Epochs);
        var scale = ReplayFrames.ScreenScale(last);

        // The untrained first frame and the last, each compared pixel by pixel with a render on the run's one scale.
        foreach (var (frame, epoch) in new[] { (0, frameEpochs[0]), (gif.Frames.Count - 1, Epochs) })
        {
            var (values, neurons, inputs) = ReplayFrames.FirstLayer(await WeightsAsync(client, id, epoch));
            using var expected = HeatmapRenderer.Render(values, neurons, inputs, HeatmapGifCache.Zoom, HeatmapGifCache.Gap, scale);
            using var ownScale = HeatmapRenderer.Render(values, neurons, inputs, HeatmapGifCache.Zoom, HeatmapGifCache.Gap);
            using var shown = gif.Frames.CloneFrame(frame);
            Assert.Equal(0, Differing(expected, shown));
            if (epoch == 0)
            {
                // Epoch 0's weights are far smaller than epoch 230's: on a scale of its own the frame would look another way.
                Assert.True(Differing(ownScale, shown) > expected.Width * expected.Height / 10, "the first frame looks as if scaled on its own");
            }
        }
    }

    private static async Task<WeightsDto> WeightsAsync(HttpClient client, long id, int epoch) =>
        (await client.GetFromJsonAsync<WeightsDto>($"/api/runs/{id}/epochs/{epoch}/weights"))!;

    // Pixels more than the encoder's palette lookup's few levels apart.
    private static int Differing(Image<Rgb24> a, Image<Rgb24> b)
    {
        var count = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var (p, q) = (a[x, y], b[x, y]);
                if (Math.Abs(p.R - q.R) > 8 || Math.Abs(p.G - q.G) > 8 || Math.Abs(p.B - q.B) > 8)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
