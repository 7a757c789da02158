using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class InsightTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task TheInsightPanelRanksTheNeuronsSwitchesOneOffFromTheGridAndShowsAConfusionCellsImages()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;

        await dashboard.Button("Analyse current model").ClickAsync();
        await Expect(page.Locator("[data-insight=ranking] li")).ToHaveCountAsync(64);
        await Expect(page.Locator("[data-insight=summary]")).ToContainTextAsync("hidden neurons are dim");
        var runId = await page.Locator("#run-label").TextContentAsync();
        await Expect(page.Locator("[data-insight=summary]")).ToContainTextAsync($"Run {System.Text.RegularExpressions.Regex.Match(runId ?? string.Empty, @"run (\d+)").Groups[1].Value}, epoch 2:");
        // Accuracy lost is said without a double negative: "0.70 pt" or "gains 0.30 pt", never "−0.70 pt".
        foreach (var value in await page.Locator("[data-insight=ranking] .insight-value").AllTextContentsAsync())
        {
            Assert.Matches(@"^(gains )?\d+\.\d\d pt$", value);
        }

        // The grid's top-left tile is neuron 0.
        var overlay = page.GetByLabel("Neuron grid: click a tile to switch that neuron off or on");
        await overlay.ScrollIntoViewIfNeededAsync();
        await overlay.ClickAsync(new LocatorClickOptions { Position = new Position { X = 6, Y = 6 } });
        await Expect(page.Locator("[data-insight=ablation]")).ToContainTextAsync("1 off (0): test accuracy");

        await dashboard.Button("Switch off").ClickAsync();
        await Expect(page.Locator("[data-insight=ablation]")).ToContainTextAsync("8 off");
        await dashboard.Button("All on").ClickAsync();
        await Expect(page.Locator("[data-insight=ablation]")).ToContainTextAsync("All 64 neurons on");

        await page.Locator("[data-insight=confusion] button:not([disabled])").First.ClickAsync();
        await Expect(page.Locator("[data-insight=cell-images] canvas").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-insight=cell-title]")).ToContainTextAsync("True");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task TheRunsHeatmapGifDownloadsWithOneFramePerEpoch()
    {
        await App.Training.StartAsync(epochs: 3, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;

        await dashboard.Button("Analyse current model").ClickAsync();
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Download the run's heatmaps (GIF)" });
        await Expect(link).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());

        // Epochs 0 (untrained) to 3: four frames.
        using var gif = SixLabors.ImageSharp.Image.Load(bytes);
        Assert.Equal(4, gif.Frames.Count);
        Assert.True(gif.Width > 28 && gif.Height > 28, $"the GIF is only {gif.Width}x{gif.Height}");
        Assert.Empty(dashboard.ConsoleErrors);
    }
}
