using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed partial class DrawingTests(BrowserApp app) : BrowserTest(app)
{
    // Ink total and centre of mass (in pixels of 28) of a 28x28 preview canvas.
    private const string ReadPreviewScript = """
        selector => {
          const c = document.querySelector(selector);
          const d = c.getContext('2d').getImageData(0, 0, 28, 28).data;
          let ink = 0, x = 0, y = 0;
          for (let i = 0; i < 784; i++) {
            const v = d[i * 4] / 255;
            ink += v; x += v * (i % 28); y += v * Math.floor(i / 28);
          }
          return { ink, x: ink ? x / ink : -1, y: ink ? y / ink : -1 };
        }
        """;

    [Fact]
    public async Task ADigitDrawnOffCentreWithTheMouseGetsAnAnswerAndACentredPreview()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");

        var pad = dashboard.DrawingPad;
        await pad.ScrollIntoViewIfNeededAsync();
        var box = await pad.BoundingBoxAsync();
        Assert.NotNull(box);
        // A "7" in the pad's top-left quarter, far from the centre.
        var mouse = dashboard.Page.Mouse;
        await mouse.MoveAsync(box.X + 25, box.Y + 25);
        await mouse.DownAsync();
        await mouse.MoveAsync(box.X + 120, box.Y + 25, new() { Steps = 10 });
        await mouse.MoveAsync(box.X + 60, box.Y + 130, new() { Steps = 10 });
        await mouse.UpAsync();
        await dashboard.Button("What did I draw?").ClickAsync();

        var withPreprocessing = dashboard.Page.Locator("#result-mnist");
        var without = dashboard.Page.Locator("#result-none");
        await Expect(withPreprocessing.Locator(".digit")).ToHaveTextAsync(OneDigit());
        await Expect(without.Locator(".digit")).ToHaveTextAsync(OneDigit());
        await Expect(withPreprocessing.Locator(".bars li")).ToHaveCountAsync(10);

        var centred = await dashboard.Page.EvaluateAsync<Preview>(ReadPreviewScript, "#result-mnist canvas.preview");
        var raw = await dashboard.Page.EvaluateAsync<Preview>(ReadPreviewScript, "#result-none canvas.preview");
        Assert.True(centred.Ink > 10, $"the preprocessed preview has almost no ink ({centred.Ink:F1})");
        Assert.InRange(centred.X, 11, 17);
        Assert.InRange(centred.Y, 11, 17);
        Assert.True(raw.X < 10 && raw.Y < 10, $"the unprocessed preview should stay top-left, its centre is ({raw.X:F1}, {raw.Y:F1})");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [GeneratedRegex("^[0-9]$")]
    private static partial Regex OneDigit();

    private sealed class Preview
    {
        public double Ink { get; set; }

        public double X { get; set; }

        public double Y { get; set; }
    }
}
