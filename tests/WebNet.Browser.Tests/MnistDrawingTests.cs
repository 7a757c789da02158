using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>
/// Digits drawn with the mouse far from the pad's centre, at different sizes, read by a network trained on the real
/// MNIST (MnistModelApp): the preprocessed answer is the digit drawn and its 28x28 preview is centred by mass.
/// </summary>
public sealed class MnistDrawingTests(MnistModelApp mnist, ITestOutputHelper output) : IClassFixture<MnistModelApp>
{
    // Ink total and centre of mass (in pixels of 28) of a 28x28 preview canvas, and its size.
    private const string ReadPreviewScript = """
        selector => {
          const c = document.querySelector(selector);
          const d = c.getContext('2d').getImageData(0, 0, 28, 28).data;
          let ink = 0, x = 0, y = 0;
          for (let i = 0; i < 784; i++) {
            const v = d[i * 4] / 255;
            ink += v; x += v * (i % 28); y += v * Math.floor(i / 28);
          }
          return { width: c.width, height: c.height, ink, x: ink ? x / ink : -1, y: ink ? y / ink : -1 };
        }
        """;

    // The digits as strokes in fractions of the pad (0,0 top-left, 1,1 bottom-right), each far from the centre.
    public static TheoryData<int, string> Digits => new()
    {
        // A small 7 in the top-left corner: the bar, then the long diagonal down to the left.
        { 7, "0.08,0.10 0.40,0.10 0.38,0.14 0.30,0.28 0.22,0.44" },
        // A medium 1 near the right edge, leaning slightly as handwritten ones do.
        { 1, "0.80,0.06 0.74,0.46" },
        // A tall 0 in the lower right: an upright ellipse, closed.
        { 0, Ellipse(0.70, 0.66, 0.15, 0.26, points: 36) },
    };

    [Theory]
    [MemberData(nameof(Digits))]
    public async Task ADigitDrawnOffCentreWithTheMouseIsReadRightWithACentredPreview(int digit, string stroke)
    {
        var dashboard = await mnist.App.OpenAsync();
        var page = dashboard.Page;
        var pad = dashboard.DrawingPad;
        await pad.ScrollIntoViewIfNeededAsync();
        var box = await pad.BoundingBoxAsync();
        Assert.NotNull(box);

        var points = Parse(stroke);
        await page.Mouse.MoveAsync(box.X + (points[0].X * box.Width), box.Y + (points[0].Y * box.Height));
        await page.Mouse.DownAsync();
        foreach (var (x, y) in points.Skip(1))
        {
            await page.Mouse.MoveAsync(box.X + (x * box.Width), box.Y + (y * box.Height), new() { Steps = 6 });
        }

        await page.Mouse.UpAsync();
        await dashboard.Button("What did I draw?").ClickAsync();

        var withPreprocessing = page.Locator("#result-mnist");
        await Expect(withPreprocessing).ToHaveAttributeAsync("data-state", "answered");
        var answer = await withPreprocessing.Locator(".digit").TextContentAsync();
        var bars = await withPreprocessing.Locator(".bars li").EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('aria-label'))");
        output.WriteLine($"drew a {digit}, read {answer}: {string.Join("; ", bars)} (network: {mnist.TestAccuracy:P1} on the MNIST test set)");
        Assert.True(answer == digit.ToString(System.Globalization.CultureInfo.InvariantCulture), $"drew a {digit}, the app read {answer} ({string.Join("; ", bars)})");

        var centred = await page.EvaluateAsync<Preview>(ReadPreviewScript, "#result-mnist canvas.preview");
        Assert.Equal((28, 28), (centred.Width, centred.Height));
        Assert.True(centred.Ink > 10, $"the preprocessed preview has almost no ink ({centred.Ink:F1})");
        Assert.InRange(centred.X, 12.5, 14.5);
        Assert.InRange(centred.Y, 12.5, 14.5);

        // Without preprocessing the drawing stays where it was drawn: proof that it really was off-centre.
        await Expect(page.Locator("#result-none")).ToHaveAttributeAsync("data-state", "answered");
        var raw = await page.EvaluateAsync<Preview>(ReadPreviewScript, "#result-none canvas.preview");
        var offset = Math.Sqrt(Math.Pow(raw.X - 13.5, 2) + Math.Pow(raw.Y - 13.5, 2));
        Assert.True(offset > 5, $"the drawing's centre of mass is only {offset:F1} pixels of 28 from the centre ({raw.X:F1}, {raw.Y:F1})");
        Assert.Empty(dashboard.ConsoleErrors);
        await page.Context.CloseAsync();
    }

    private static string Ellipse(double cx, double cy, double rx, double ry, int points) =>
        string.Join(' ', Enumerable.Range(0, points + 1).Select(i =>
        {
            var angle = 2 * Math.PI * i / points;
            return FormattableString.Invariant($"{cx + (rx * Math.Sin(angle)):F3},{cy - (ry * Math.Cos(angle)):F3}");
        }));

    private static (float X, float Y)[] Parse(string stroke) =>
        [.. stroke.Split(' ').Select(p => p.Split(',')).Select(p => (
            float.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture),
            float.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))];

    private sealed class Preview
    {
        public int Width { get; set; }

        public int Height { get; set; }

        public double Ink { get; set; }

        public double X { get; set; }

        public double Y { get; set; }
    }
}
