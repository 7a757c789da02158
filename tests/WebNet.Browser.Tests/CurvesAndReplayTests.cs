using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>The learning curves' zoom and CSV, and the replay's play from the start, speed and way back to live.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CurvesAndReplayTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task DraggingAcrossTheAccuracyChartZoomsIntoThoseEpochsAndResetShowsThemAll()
    {
        await App.Training.StartAsync(epochs: 10, batchSize: 50);
        var dashboard = await App.OpenAsync(1440, 900);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;
        var chart = page.Locator("#accuracy-chart");
        await Expect(chart).ToHaveAttributeAsync("data-x-max", "10");
        var full = await RangeAsync(chart);
        Assert.Equal(0, full[0]);

        // From about epoch 4 to epoch 9 of 0..10 (the plot starts 64 px in and ends 14 px before the right edge).
        var box = (await chart.BoundingBoxAsync())!;
        var plot = box.Width - 64 - 14;
        await page.Mouse.MoveAsync(box.X + 64 + (0.4f * plot), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 64 + (0.9f * plot), box.Y + (box.Height / 2), new() { Steps = 8 });
        await page.Mouse.UpAsync();

        await Expect(dashboard.Button("Reset zoom")).ToBeEnabledAsync();
        var zoomed = await RangeAsync(chart);
        Assert.InRange(zoomed[0], 3, 5);
        Assert.InRange(zoomed[1], 8, 10);
        // The y axis fits the epochs shown: the untrained epoch 0's low accuracy is out of view.
        Assert.True(zoomed[2] > full[2], $"the y axis still starts at {zoomed[2]} % when zoomed");
        Assert.Equal(zoomed[0], (await RangeAsync(page.Locator("#loss-chart")))[0]);

        await dashboard.Button("Reset zoom").ClickAsync();
        Assert.Equal(full, await RangeAsync(chart));
        await Expect(dashboard.Button("Reset zoom")).ToBeDisabledAsync();
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task TheCsvExportDownloadsTheRunsEpochs()
    {
        var runId = await App.Training.StartAsync(epochs: 4, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await Expect(dashboard.EpochCounter).ToHaveTextAsync("epoch 4 / 4");

        var download = await dashboard.Page.RunAndWaitForDownloadAsync(() => dashboard.Button("Download CSV").ClickAsync());
        Assert.Equal($"webnet-run-{runId}-epochs.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).ToArray();

        using var http = new HttpClient { BaseAddress = App.Address };
        var history = await http.GetFromJsonAsync<EpochRow[]>($"api/runs/{runId}/history") ?? [];
        Assert.Equal("epoch,test_accuracy,train_loss,test_loss,seconds", lines[0]);
        Assert.Equal(history.Length + 1, lines.Length);
        Assert.Equal(5, history.Length);
        for (var i = 0; i < history.Length; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(history[i].Epoch, int.Parse(cells[0], CultureInfo.InvariantCulture));
            Assert.Equal(history[i].TestAccuracy, double.Parse(cells[1], CultureInfo.InvariantCulture), 12);
            Assert.Equal(history[i].TrainLoss, double.Parse(cells[2], CultureInfo.InvariantCulture), 12);
        }

        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task PlayAtTheLastEpochReplaysFromTheFirstAt16x()
    {
        await App.Training.StartAsync(epochs: 5, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;
        await Expect(dashboard.ReplayLabel).ToHaveTextAsync("epoch 5 of 5");
        await Expect(dashboard.Button("Play from the start")).ToBeEnabledAsync();

        await page.GetByLabel("Speed").SelectOptionAsync("16");
        // Every label the replay shows, in order.
        await page.EvaluateAsync("""
            () => {
              window.replayLabels = [];
              const label = document.getElementById('replay-label');
              new MutationObserver(() => window.replayLabels.push(label.textContent)).observe(label, { childList: true, characterData: true, subtree: true });
            }
            """);
        await dashboard.Button("Play from the start").ClickAsync();
        await Expect(dashboard.Button("Pause replay")).ToBeDisabledAsync();
        await Expect(dashboard.ReplayLabel).ToHaveTextAsync("epoch 5 of 5");

        var shown = (await page.EvaluateAsync<string[]>("() => window.replayLabels")).Distinct().ToArray();
        var expected = Enumerable.Range(0, 6).Select(e => $"epoch {e} of 5").ToArray();
        Assert.Equal(expected, shown);
        await Expect(page.Locator("#weights-epoch")).ToHaveTextAsync("after epoch 5");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task AnEarlyEpochIsDrawnOnTheRunsNewestScaleUnlessEachEpochKeepsItsOwn()
    {
        await App.Training.StartAsync(epochs: 4, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await Expect(dashboard.ReplayLabel).ToHaveTextAsync("epoch 4 of 4");
        await dashboard.WaitForHeatmapsAsync();
        var page = dashboard.Page;
        var newestLegend = await page.Locator(".legend-max").First.TextContentAsync();

        await dashboard.ReplaySlider.FocusAsync();
        await dashboard.ReplaySlider.PressAsync("Home");
        await Expect(page.Locator("#weights-epoch")).ToHaveTextAsync("after epoch 0");
        // On the run's scale the legend keeps epoch 4's end value.
        await Expect(page.Locator(".legend-max").First).ToHaveTextAsync(newestLegend ?? string.Empty);
        var onRunScale = (await dashboard.ReadHeatmapsAsync())[0].Hash;

        await page.GetByLabel("One colour scale for the whole run").UncheckAsync();
        await Expect(page.Locator(".legend-max").First).Not.ToHaveTextAsync(newestLegend ?? string.Empty);
        Assert.NotEqual(onRunScale, (await dashboard.ReadHeatmapsAsync())[0].Hash);
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task BackToLiveLeavesAnOldRunForTheRunTrainingNow()
    {
        var past = await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var live = await App.Training.StartAsync(epochs: 2000, batchSize: 20);
        await App.Training.PauseAsync(); // paused is live too, and stays so however slow the machine
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("paused");
        var page = dashboard.Page;
        var picker = page.GetByRole(AriaRole.Combobox, new() { Name = "Run", Exact = true });
        await Expect(picker.Locator($"option[value='{past}']")).ToHaveCountAsync(1);
        await picker.SelectOptionAsync(past.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#curves-run")).ToHaveTextAsync($"run {past}");

        await Expect(dashboard.Button("Back to live")).ToBeEnabledAsync();
        await dashboard.Button("Back to live").ClickAsync();
        await Expect(page.Locator("#curves-run")).ToHaveTextAsync($"run {live} (live)");
        await Expect(picker).ToHaveValueAsync(string.Empty);
        await App.Training.StopAsync();
        Assert.Empty(dashboard.ConsoleErrors);
    }

    private static async Task<double[]> RangeAsync(ILocator chart) =>
        await chart.EvaluateAsync<double[]>("c => [c.dataset.xMin, c.dataset.xMax, c.dataset.yMin, c.dataset.yMax].map(Number)");

    private sealed record EpochRow(int Epoch, double TestAccuracy, double TrainLoss);
}
