using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class CompareRunsTests(BrowserApp app) : BrowserTest(app)
{
    // Pixels of the comparison chart close to a colour (its 2-pixel lines and dots; anti-aliased edges excluded).
    private const string CountColourScript = """
        ([r, g, b]) => {
          const c = document.getElementById('compare-chart');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (Math.abs(d[i] - r) < 16 && Math.abs(d[i + 1] - g) < 16 && Math.abs(d[i + 2] - b) < 16 && d[i + 3] > 200) n++;
          }
          return n;
        }
        """;

    private static readonly int[] FirstColour = [0x00, 0x72, 0xb2];
    private static readonly int[] SecondColour = [0xd5, 0x5e, 0x00];

    [Fact]
    public async Task TickingTwoRunsOverlaysTwoAccuracyCurvesWithALegendAndUntickingRemovesOne()
    {
        var first = await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        // A far smaller learning rate, so the curves differ (the synthetic set is learnt fully in one epoch at 0.5).
        var second = await App.Training.StartAsync(epochs: 3, batchSize: 50, learningRate: 0.002);
        await dashboard.Page.ReloadAsync();
        await Expect(dashboard.Page.Locator("#run-label")).ToContainTextAsync($"run {second} ·");
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;

        // Collapsed at first; opened, it lists the runs, and the chart appears once one is ticked.
        var chart = page.GetByRole(Microsoft.Playwright.AriaRole.Img, new() { Name = "Test accuracy of the compared runs per epoch" });
        await Expect(page.Locator("#compare-runs")).ToBeHiddenAsync();
        await page.Locator("#compare summary").ClickAsync();
        await Expect(page.Locator($"#compare-runs input[value='{first}']")).ToBeVisibleAsync();
        await Expect(chart).ToBeHiddenAsync();
        await page.Locator($"#compare-runs input[value='{first}']").CheckAsync();
        await Expect(page.Locator("#compare-legend li")).ToHaveCountAsync(1);
        await Expect(chart).ToBeVisibleAsync();
        await page.Locator($"#compare-runs input[value='{second}']").CheckAsync();

        var legend = page.Locator("#compare-legend li");
        await Expect(legend).ToHaveCountAsync(2);
        await Expect(legend.Nth(0)).ToContainTextAsync($"Run {first}: 784-");
        await Expect(legend.Nth(0)).ToContainTextAsync("2 epochs");
        await Expect(legend.Nth(1)).ToContainTextAsync($"Run {second}: 784-");
        await Expect(legend.Nth(1)).ToContainTextAsync("3 epochs");
        // Plain SGD (the seed preset) keeps a momentum value it does not use: the legend leaves it out.
        await Expect(legend.Nth(0)).ToContainTextAsync(", sgd lr ");
        await Expect(legend.Nth(0)).Not.ToContainTextAsync("momentum");
        await chart.ScrollIntoViewIfNeededAsync();
        Assert.True(await page.EvaluateAsync<int>(CountColourScript, FirstColour) > 20, "the first run's curve is not drawn");
        Assert.True(await page.EvaluateAsync<int>(CountColourScript, SecondColour) > 20, "the second run's curve is not drawn");

        await page.Locator($"#compare-runs input[value='{first}']").UncheckAsync();
        await Expect(legend).ToHaveCountAsync(1);
        Assert.Equal(0, await page.EvaluateAsync<int>(CountColourScript, FirstColour));
        Assert.True(await page.EvaluateAsync<int>(CountColourScript, SecondColour) > 20, "the second run's curve went with the first");

        // The live accuracy chart is still there and drawn.
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Img, new() { Name = "Test accuracy in percent per epoch" })).ToBeVisibleAsync();
        Assert.Empty(dashboard.ConsoleErrors);
    }
}
