using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WebNet.Browser.Tests;

/// <summary>The dashboard as a user sees it: elements found by role and accessible name.</summary>
public sealed partial class DashboardPage
{
    // Reads every heatmap canvas back: drawn (opaque) pixels, distinct colours, and a hash of the pixels.
    private const string ReadHeatmapsScript = """
        () => [...document.querySelectorAll('canvas.heatmap')].map(c => {
          const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          const colours = new Set();
          let opaque = 0, hash = 2166136261;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] === 0) continue;
            opaque++;
            const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            colours.add(rgb);
            hash = Math.imul(hash ^ rgb, 16777619) >>> 0;
          }
          return { width: c.width, height: c.height, opaque, colours: colours.size, hash };
        })
        """;

    public DashboardPage(IPage page)
    {
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
    }

    public IPage Page { get; }

    public List<string> ConsoleErrors { get; } = [];

    public ILocator StateBadge => Page.Locator("#state-badge");

    public ILocator EpochCounter => Page.GetByRole(AriaRole.Status, new() { Name = "Epoch counter" });

    public ILocator Connection => Page.Locator("#connection");

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator ReplaySlider => Page.GetByRole(AriaRole.Slider, new() { Name = "Replay epoch" });

    public ILocator ReplayLabel => Page.Locator("#replay-label");

    public ILocator HiddenHeatmaps => Page.GetByRole(AriaRole.Img, new() { Name = "Heatmaps: Hidden layer 1" });

    public ILocator OutputHeatmaps => Page.GetByRole(AriaRole.Img, new() { Name = "Heatmaps: Output layer" });

    public ILocator DrawingPad => Page.GetByRole(AriaRole.Img, new() { Name = "Drawing pad" });

    /// <summary>N of "epoch N / M".</summary>
    public async Task<int> CompletedEpochsAsync()
    {
        var text = await EpochCounter.TextContentAsync() ?? string.Empty;
        var match = EpochPattern().Match(text);
        Assert.True(match.Success, $"epoch counter reads '{text}'");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the counter shows more than <paramref name="epochs"/> completed epochs.</summary>
    public Task WaitForEpochAboveAsync(int epochs) =>
        Page.WaitForFunctionAsync(
            "n => { const m = /epoch (\\d+) \\//.exec(document.getElementById('epoch-counter').textContent); return m && Number(m[1]) > n; }",
            epochs);

    /// <summary>Waits until both layers' heatmaps are drawn.</summary>
    public Task WaitForHeatmapsAsync() =>
        Page.WaitForFunctionAsync("() => document.querySelectorAll('canvas.heatmap').length >= 2 && [...document.querySelectorAll('canvas.heatmap')].every(c => c.width > 0)");

    /// <summary>Draws a "1" (one vertical stroke) on the pad with the mouse.</summary>
    public async Task DrawOneAsync()
    {
        await DrawingPad.ScrollIntoViewIfNeededAsync();
        var box = await DrawingPad.BoundingBoxAsync();
        Assert.NotNull(box);
        await Page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height * 0.15f));
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height * 0.85f), new() { Steps = 10 });
        await Page.Mouse.UpAsync();
    }

    /// <summary>How many CSS pixels the page is wider than the window (0 or less: no sideways scrolling).</summary>
    public Task<int> SidewaysOverflowAsync() =>
        Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    public async Task<HeatmapPixels[]> ReadHeatmapsAsync() => await Page.EvaluateAsync<HeatmapPixels[]>(ReadHeatmapsScript);

    [GeneratedRegex(@"epoch (\d+) /")]
    private static partial Regex EpochPattern();
}

/// <summary>What one heatmap canvas holds, read back from the page.</summary>
public sealed class HeatmapPixels
{
    public int Width { get; set; }

    public int Height { get; set; }

    public int Opaque { get; set; }

    public int Colours { get; set; }

    public long Hash { get; set; }
}
