using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>
/// Digits drawn off-centre with a thin pen and with a fat one, read by the robust preset's network (RobustModelApp)
/// through the page's default preprocessing: both pens give the digit drawn, and the answer names its steps.
/// </summary>
public sealed class RobustDrawingTests(RobustModelApp robust, ITestOutputHelper output) : IClassFixture<RobustModelApp>
{
    public static TheoryData<int, string, int> Drawings => new()
    {
        // A 7 in the top-left corner and a 4 low on the right, each with a pencil (3 px on the 280 px pad) and a marker (36 px).
        { 7, "0.08,0.10 0.46,0.10 0.42,0.18 0.32,0.36 0.24,0.56", 3 },
        { 7, "0.08,0.10 0.46,0.10 0.42,0.18 0.32,0.36 0.24,0.56", 36 },
        { 4, "0.62,0.40 0.52,0.72 0.88,0.72|0.80,0.48 0.80,0.94", 3 },
        { 4, "0.62,0.40 0.52,0.72 0.88,0.72|0.80,0.48 0.80,0.94", 36 },
    };

    [Theory]
    [MemberData(nameof(Drawings))]
    public async Task AnOffCentreDigitDrawnWithAThinOrAFatPenIsReadRight(int digit, string strokes, int penWidth)
    {
        var dashboard = await robust.App.OpenAsync();
        var page = dashboard.Page;
        var pad = dashboard.DrawingPad;
        await page.Locator("#pen-width").FillAsync(penWidth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#pen-width-value")).ToHaveTextAsync($"{penWidth} px");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = await pad.BoundingBoxAsync();
        Assert.NotNull(box);
        foreach (var stroke in strokes.Split('|'))
        {
            var points = stroke.Split(' ').Select(p => p.Split(',')).Select(p => (
                X: double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture),
                Y: double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
            await page.Mouse.MoveAsync((float)(box.X + (points[0].X * box.Width)), (float)(box.Y + (points[0].Y * box.Height)));
            await page.Mouse.DownAsync();
            foreach (var (x, y) in points.Skip(1))
            {
                await page.Mouse.MoveAsync((float)(box.X + (x * box.Width)), (float)(box.Y + (y * box.Height)), new() { Steps = 6 });
            }

            await page.Mouse.UpAsync();
        }

        await Expect(page.Locator("#classify-preprocess")).ToHaveValueAsync("stroke");
        await dashboard.Button("What did I draw?").ClickAsync();

        var result = page.Locator("#result-mnist");
        await Expect(result).ToHaveAttributeAsync("data-state", "answered");
        var answer = await result.Locator(".digit").TextContentAsync();
        var bars = await result.Locator(".bars li").EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('aria-label'))");
        var steps = await result.Locator(".steps").TextContentAsync();
        output.WriteLine($"pen {penWidth} px: drew a {digit}, read {answer}; {steps}; {string.Join("; ", bars)} (network: {robust.TestAccuracy:P1} on the MNIST test set)");
        Assert.True(answer == digit.ToString(System.Globalization.CultureInfo.InvariantCulture), $"drew a {digit} with a {penWidth} px pen, the app read {answer} ({string.Join("; ", bars)})");
        Assert.Contains(penWidth < 10 ? "widened" : "narrowed", steps, StringComparison.Ordinal);
        Assert.Empty(dashboard.ConsoleErrors);
        await page.Context.CloseAsync();
    }
}
