using System.Net;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Imaging;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Insight;

public sealed class ReplayEndpointsTests
{
    [Fact]
    public async Task AStoredRunReplaysAsAHeatmapPngPerEpochAndAGifWithOneFramePerEpoch()
    {
        using var factory = new WebNetFactory();
        var client = factory.CreateClient();
        await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":3}""");
        var state = await client.WaitForStateAsync("completed");
        var history = await client.HistoryAsync();
        var id = state.RunId!.Value;

        var png = await client.GetAsync($"/api/runs/{id}/epochs/2/heatmap.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        using (var image = Image.Load<Rgb24>(await png.Content.ReadAsByteArrayAsync()))
        {
            // 8 neurons: 3x3 tiles of 28x28 at 4 pixels per weight, 2 pixels apart.
            Assert.Equal((3 * 112) + 4, image.Width);
            Assert.Equal((3 * 112) + 4, image.Height);
        }

        var gif = await client.GetAsync($"/api/runs/{id}/heatmaps.gif");
        Assert.Equal(HttpStatusCode.OK, gif.StatusCode);
        Assert.Equal("image/gif", gif.Content.Headers.ContentType?.MediaType);
        using var animation = Image.Load<Rgb24>(await gif.Content.ReadAsByteArrayAsync());
        Assert.Equal(4, history.Length);
        Assert.Equal(history.Length, animation.Frames.Count);
        Assert.Equal(HeatmapRenderer.Size(8, 784, 2, 2), (animation.Width, animation.Height));
    }

    [Theory]
    [InlineData("/api/runs/99/epochs/0/heatmap.png")]
    [InlineData("/api/runs/99/heatmaps.gif")]
    public async Task AnUnknownRunOrEpochIsNotFound(string path)
    {
        using var factory = new WebNetFactory();

        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
