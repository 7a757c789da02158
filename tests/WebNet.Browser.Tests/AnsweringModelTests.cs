using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>The drawing panel names the network that answers, warns about a poor one, and "Use this model" picks a finished run's.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AnsweringModelTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task TheDrawingPanelNamesTheCurrentModelAndWarnsWhileItGetsFewDigitsRight()
    {
        // A learning rate this small leaves the network near chance after its one epoch.
        var weak = await App.Training.StartAsync(epochs: 1, batchSize: 50, learningRate: 1e-7);
        var dashboard = await App.OpenAsync(1440, 900);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;
        var name = page.Locator("#answering-name");
        var warning = page.Locator("#answering-warning");

        var weakAccuracy = (await HistoryAsync(weak))[^1].TestAccuracy;
        Assert.True(weakAccuracy < 0.5, $"the weak run reached {weakAccuracy:P1}; the warning's premise does not hold");
        await Expect(name).ToContainTextAsync($"run {weak}, epoch 1 of 1, test accuracy {Percent(weakAccuracy)}");
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning).ToContainTextAsync("expect wrong answers");

        var good = await App.Training.StartAsync(epochs: 2, batchSize: 50);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await Expect(dashboard.EpochCounter).ToHaveTextAsync("epoch 2 / 2");
        var goodAccuracy = (await HistoryAsync(good))[^1].TestAccuracy;
        await Expect(name).ToContainTextAsync($"run {good}, epoch 2 of 2, test accuracy {Percent(goodAccuracy)}");
        await Expect(warning).ToBeHiddenAsync();
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task AfterARunDivergesThePanelWarnsThatItsNetworkGivesWrongAnswers()
    {
        await App.Training.StopAsync();
        var dashboard = await App.OpenAsync(1440, 900);
        await Expect(dashboard.Connection).ToHaveTextAsync("Live");
        // ReLU with the largest learning rate allowed: the loss leaves the floats within a few epochs.
        using var http = new HttpClient { BaseAddress = App.Address };
        using var response = await http.PostAsJsonAsync("api/training/start", new { preset = "fast", hidden = new[] { 16 }, learningRate = 100, batchSize = 50, epochs = 50 });
        Assert.True(response.IsSuccessStatusCode, $"start answered {(int)response.StatusCode}");

        await Expect(dashboard.StateBadge).ToHaveTextAsync("diverged");
        var warning = dashboard.Page.Locator("#answering-warning");
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning).ToContainTextAsync("diverged: its network gives wrong answers");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task UseThisModelOnAFinishedRunMakesThePadAnswerWithItAndShowsItsAccuracy()
    {
        var chosen = await App.Training.StartAsync(epochs: 3, batchSize: 50);
        var dashboard = await App.OpenAsync(1440, 900);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var chosenAccuracy = (await HistoryAsync(chosen))[^1].TestAccuracy;
        var later = await App.Training.StartAsync(epochs: 1, batchSize: 50, learningRate: 0.01);
        await Expect(dashboard.Page.Locator("#run-label")).ToContainTextAsync($"run {later} ·");
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;

        var picker = page.GetByRole(AriaRole.Combobox, new() { Name = "Run", Exact = true });
        await Expect(picker.Locator($"option[value='{chosen}']")).ToHaveCountAsync(1);
        await picker.SelectOptionAsync(chosen.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#curves-run")).ToHaveTextAsync($"run {chosen}");
        await dashboard.Button("Use this model for drawing").ClickAsync();

        var expected = $"run {chosen}'s final model (completed, epoch 3, test accuracy {Percent(chosenAccuracy)})";
        await Expect(page.Locator("#answering-name")).ToContainTextAsync(expected);
        await Expect(page.GetByLabel("Model that answers")).ToHaveValueAsync(chosen.ToString(CultureInfo.InvariantCulture));

        await dashboard.DrawOneAsync();
        var response = await page.RunAndWaitForResponseAsync(
            () => dashboard.Button("What did I draw?").ClickAsync(),
            r => r.Url.Contains("/api/insight/explain", StringComparison.Ordinal));
        Assert.Contains($"run={chosen}", response.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#classify-model-name")).ToHaveTextAsync($"Answered by run {chosen}'s final model (epoch 3, test accuracy {Percent(chosenAccuracy)}).");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    private static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:F2} %");

    private async Task<EpochRow[]> HistoryAsync(long runId)
    {
        using var http = new HttpClient { BaseAddress = App.Address };
        return await http.GetFromJsonAsync<EpochRow[]>($"api/runs/{runId}/history") ?? [];
    }

    private sealed record EpochRow(int Epoch, double TestAccuracy);
}
