using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class ModelChoiceTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task AFinishedRunChosenInTheListAnswersTheDrawingAndIsNamed()
    {
        var runId = await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;

        var choice = page.GetByLabel("Model that answers");
        await choice.FocusAsync();
        await Expect(choice.Locator($"option[value=\"{runId}\"]")).ToHaveCountAsync(1);
        await choice.SelectOptionAsync(runId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var pad = dashboard.DrawingPad;
        await pad.ScrollIntoViewIfNeededAsync();
        var box = await pad.BoundingBoxAsync();
        Assert.NotNull(box);
        await page.Mouse.MoveAsync(box.X + 140, box.Y + 40);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 140, box.Y + 240, new() { Steps = 10 });
        await page.Mouse.UpAsync();
        var response = await page.RunAndWaitForResponseAsync(
            () => dashboard.Button("What did I draw?").ClickAsync(),
            r => r.Url.Contains("/api/insight/explain", StringComparison.Ordinal));

        Assert.Contains($"run={runId}", response.Url, StringComparison.Ordinal);
        Assert.Equal(200, response.Status);
        await Expect(page.Locator("#classify-model-name")).ToContainTextAsync($"Answered by run {runId}'s final model (epoch 2");
        await Expect(page.Locator("#result-none .digit")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]$"));
        Assert.Empty(dashboard.ConsoleErrors);
    }
}
