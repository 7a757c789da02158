using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class ExplainTests(BrowserApp app) : BrowserTest(app)
{
    // Pixels of a canvas that are clearly red or blue, and the distinct grey levels (r = g = b) it has.
    private const string ReadCanvasScript = """
        selector => {
          const c = document.querySelector(selector);
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let coloured = 0; const greys = new Set();
          for (let i = 0; i < d.length; i += 4) {
            if (Math.abs(d[i] - d[i + 2]) > 40) coloured++;
            if (d[i] === d[i + 1] && d[i + 1] === d[i + 2]) greys.add(d[i]);
          }
          return { width: c.width, height: c.height, coloured, greys: greys.size };
        }
        """;

    [Fact]
    public async Task ADrawingShowsItsContributionMapAndHiddenActivationsAndAnswersWithTheInsightNeuronsOff()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;
        await DrawSevenAsync(dashboard);

        await dashboard.Button("What did I draw?").ClickAsync();
        var map = page.GetByRole(AriaRole.Img, new() { Name = "Each pixel's contribution to the predicted digit" });
        var activations = page.GetByRole(AriaRole.Img, new() { Name = "The hidden neurons' activations for this drawing" });
        await Expect(map).ToBeVisibleAsync();
        await Expect(activations).ToBeVisibleAsync();
        await Expect(page.Locator("[data-explain=map-scale]")).ToContainTextAsync("red: for");

        var mapPixels = await page.EvaluateAsync<CanvasPixels>(ReadCanvasScript, "[data-explain=map]");
        var gridPixels = await page.EvaluateAsync<CanvasPixels>(ReadCanvasScript, "[data-explain=activations]");
        Assert.Equal(28, mapPixels.Width);
        Assert.True(mapPixels.Coloured > 10, $"only {mapPixels.Coloured} red or blue pixels in the contribution map");
        Assert.Equal(8 * 14, gridPixels.Width);
        Assert.True(gridPixels.Greys > 4, $"the activation grid has only {gridPixels.Greys} grey levels");

        // Neuron 0 off in the Insight panel: the drawing panel says so and asks with off=0.
        await dashboard.Button("Analyse current model").ClickAsync();
        var overlay = page.GetByLabel("Neuron grid: click a tile to switch that neuron off or on");
        await overlay.ScrollIntoViewIfNeededAsync();
        await overlay.ClickAsync(new LocatorClickOptions { Position = new Position { X = 6, Y = 6 } });
        await Expect(page.Locator("#classify-off")).ToContainTextAsync("1 hidden neuron is off");

        var response = await page.RunAndWaitForResponseAsync(
            () => dashboard.Button("What did I draw?").ClickAsync(),
            r => r.Url.Contains("/api/insight/explain", StringComparison.Ordinal));
        Assert.Contains("off=0", response.Url, StringComparison.Ordinal);
        using var answer = JsonDocument.Parse(await response.TextAsync());
        Assert.Equal(0f, answer.RootElement.GetProperty("hidden")[0].GetSingle());
        await Expect(page.Locator("[data-explain=activation-scale]")).ToContainTextAsync("1 off");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    private static async Task DrawSevenAsync(DashboardPage dashboard)
    {
        var pad = dashboard.DrawingPad;
        await pad.ScrollIntoViewIfNeededAsync();
        var box = await pad.BoundingBoxAsync();
        Assert.NotNull(box);
        var mouse = dashboard.Page.Mouse;
        await mouse.MoveAsync(box.X + 70, box.Y + 60);
        await mouse.DownAsync();
        await mouse.MoveAsync(box.X + 210, box.Y + 60, new() { Steps = 10 });
        await mouse.MoveAsync(box.X + 130, box.Y + 230, new() { Steps = 10 });
        await mouse.UpAsync();
    }

    private sealed class CanvasPixels
    {
        public int Width { get; set; }

        public int Height { get; set; }

        public int Coloured { get; set; }

        public int Greys { get; set; }
    }
}
