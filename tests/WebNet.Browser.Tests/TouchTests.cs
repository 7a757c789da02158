using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>A phone with a touch screen: taps, no hover.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class TouchTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task ATapOnANeuronOpensItsDetail()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync(390, 844, touch: true);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await dashboard.WaitForHeatmapsAsync();
        var page = dashboard.Page;
        await Expect(page.Locator("#neuron-caption")).ToHaveTextAsync("Hidden layer 1, neuron 0");

        // The hidden layer is 8 tiles a row: the tile in row 2, column 4 is neuron 8 * 2 + 4 = 20.
        var heatmap = dashboard.HiddenHeatmaps;
        await heatmap.ScrollIntoViewIfNeededAsync();
        var box = (await heatmap.BoundingBoxAsync())!;
        var tile = box.Width / 8;
        await heatmap.TapAsync(new() { Position = new Position { X = (4.5f * tile), Y = 2.4f * (box.Height / 8) } });
        await Expect(page.Locator("#neuron-caption")).ToHaveTextAsync("Hidden layer 1, neuron 20");

        await dashboard.OutputHeatmaps.TapAsync(new() { Position = new Position { X = 5, Y = 5 } });
        await Expect(page.Locator("#neuron-caption")).ToHaveTextAsync("Output neuron 0 (digit 0)");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task OnAPhoneTheAnswersCertaintyStaysOnOneLine()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync(390, 844, touch: true);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;

        await dashboard.DrawOneAsync();
        await dashboard.Button("What did I draw?").ClickAsync();
        var confidence = page.Locator("#result-mnist .confidence");
        await Expect(confidence).Not.ToBeEmptyAsync();
        var lines = await confidence.EvaluateAsync<double>("e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)");
        Assert.True(lines < 1.5, $"'{await confidence.TextContentAsync()}' takes {lines:F1} lines");
        Assert.True(await dashboard.SidewaysOverflowAsync() <= 0, "the answer makes the page scroll sideways");
        Assert.Empty(dashboard.ConsoleErrors);
    }
}
