using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Web.Replay;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Replay;

public sealed class HeatmapGifTests : IDisposable
{
    private readonly WebNetFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void ALongRunIsThinnedEvenlyToTheCapKeepingItsFirstAndLastEpoch()
    {
        var epochs = Enumerable.Range(0, 231).ToArray();
        var thinned = ReplayFrames.Thin(epochs, 120);

        Assert.Equal(120, thinned.Count);
        Assert.Equal(0, thinned[0]);
        Assert.Equal(230, thinned[^1]);
        Assert.True(thinned.Zip(thinned.Skip(1)).All(p => p.First < p.Second), "epochs in order, none twice");
        Assert.Equal(epochs[..50], ReplayFrames.Thin(epochs[..50], 120));
    }

    [Fact]
    public async Task AGifOfARunWithManyEpochsHasAtMostTheCapOfFramesAndASecondRequestIsServedFromTheCache()
    {
        _factory.Settings["WebNet:Replay:MaxGifFrames"] = "10";
        var client = _factory.CreateClient();
        var id = await CompletedRunAsync(client, epochs: 30, hidden: 8);
        var gifs = _factory.Services.GetRequiredService<HeatmapGifCache>();

        var first = await client.GetAsync($"/api/runs/{id}/heatmaps.gif");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/gif", first.Content.Headers.ContentType?.MediaType);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        using (var animation = Image.Load<Rgb24>(bytes))
        {
            Assert.Equal(10, animation.Frames.Count);
        }

        Assert.Equal(1, gifs.Renders);
        var second = await client.GetAsync($"/api/runs/{id}/heatmaps.gif");
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, gifs.Renders);
        Assert.Single(Directory.GetFiles(gifs.Folder, "*.gif"));
    }

    [Fact]
    public async Task ParallelGifRequestsBeyondTheRenderLimitAnswer503WithRetryAfterAndTheRestTheSameGif()
    {
        _factory.Settings["WebNet:RateLimits:GifRenders"] = "2"; // two at once, yet one render: the second waits for the first's file
        _factory.Settings["WebNet:RateLimits:GifQueue"] = "0";
        var client = _factory.CreateClient();
        var id = await CompletedRunAsync(client, epochs: 20, hidden: 64);

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.GetAsync($"/api/runs/{id}/heatmaps.gif")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {(int)r.StatusCode}"));
        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToArray();
        Assert.NotEmpty(busy);
        foreach (var response in busy)
        {
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("GifRenders", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
        }

        var served = await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => r.Content.ReadAsByteArrayAsync()));
        Assert.NotEmpty(served);
        Assert.All(served, b => Assert.Equal(served[0], b));
        Assert.Equal(1, _factory.Services.GetRequiredService<HeatmapGifCache>().Renders);
    }

    [Fact]
    public async Task AnEpochsHeatmapPngIsRenderedOnceAndThenServedFromTheOutputCache()
    {
        var client = _factory.CreateClient();
        var id = await CompletedRunAsync(client, epochs: 2, hidden: 8);

        var first = await client.GetAsync($"/api/runs/{id}/epochs/1/heatmap.png");
        var second = await client.GetAsync($"/api/runs/{id}/epochs/1/heatmap.png");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Age.HasValue, "the first answer is rendered");
        Assert.True(second.Headers.Age.HasValue, "the second answer comes from the output cache (it carries Age)");
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    private static async Task<long> CompletedRunAsync(HttpClient client, int epochs, int hidden)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/training/start", $$"""{"hidden":[{{hidden}}],"batchSize":100,"learningRate":0.5,"epochs":{{epochs}}}""")).StatusCode);
        return (await client.WaitForStateAsync("completed")).RunId!.Value;
    }
}
