using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class ReplayAndLayoutTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task PickingAPastRunShowsItsCurvesAndReplaysItsEpochsWhileAnotherRunTrains()
    {
        var past = await App.Training.StartAsync(epochs: 3, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");

        var live = await App.Training.StartAsync(epochs: 2000, batchSize: 20);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("running");
        var picker = dashboard.Page.GetByRole(AriaRole.Combobox, new() { Name = "Run" });
        await Expect(picker.Locator($"option[value='{past}']")).ToHaveCountAsync(1);
        await picker.SelectOptionAsync(past.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Expect(dashboard.Page.Locator("#curves-run")).ToHaveTextAsync($"run {past}");
        await Expect(dashboard.ReplayLabel).ToHaveTextAsync("epoch 3 of 3");
        await Expect(dashboard.Page.Locator("#weights-epoch")).ToHaveTextAsync("after epoch 3");
        var seen = await dashboard.CompletedEpochsAsync();
        await dashboard.WaitForEpochAboveAsync(seen + 1);
        await Expect(dashboard.ReplayLabel).ToHaveTextAsync("epoch 3 of 3");
        await Expect(dashboard.Button("Back to live")).ToBeEnabledAsync();

        await picker.SelectOptionAsync(string.Empty);
        await Expect(dashboard.Page.Locator("#curves-run")).ToHaveTextAsync($"run {live} (live)");
        await App.Training.StopAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("stopped");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task TheAdminKeyIsKeptForTheTabAndSentWithControlCalls()
    {
        await App.Training.StopAsync();
        var dashboard = await App.OpenAsync();
        await dashboard.Page.GetByLabel("Admin key").FillAsync("letmein");
        await dashboard.Button("Use key").ClickAsync();
        await Expect(dashboard.Connection).ToHaveTextAsync("Live");
        Assert.Equal("letmein", await dashboard.Page.EvaluateAsync<string>("() => sessionStorage.getItem('webnet.adminKey')"));

        await dashboard.Page.GetByLabel("Epochs").FillAsync("1");
        var request = await dashboard.Page.RunAndWaitForRequestAsync(
            () => dashboard.Button("Start training").ClickAsync(),
            r => r.Url.EndsWith("/api/training/start", StringComparison.Ordinal));
        Assert.Equal("letmein", await request.HeaderValueAsync("X-Admin-Key"));
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task ThePageFitsAPhoneScreenWithoutSidewaysScrolling()
    {
        await App.Training.StartAsync(epochs: 1, batchSize: 50);
        var dashboard = await App.OpenAsync(width: 390, height: 844);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await dashboard.WaitForHeatmapsAsync();

        var overflow = await dashboard.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a phone screen");
        var pad = await dashboard.DrawingPad.BoundingBoxAsync();
        Assert.NotNull(pad);
        Assert.True(pad.X >= 0 && pad.X + pad.Width <= 390, $"the drawing pad spans {pad.X}..{pad.X + pad.Width} px");
        Assert.Equal("none", await dashboard.DrawingPad.EvaluateAsync<string>("c => getComputedStyle(c).touchAction"));
        Assert.Empty(dashboard.ConsoleErrors);
    }
}
