using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Drawings;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>An app of its own for the drawings people label, so the drawings never reach the other tests' pages.</summary>
public sealed class DrawingsBrowserApp : IAsyncLifetime, IDisposable
{
    public BrowserApp App { get; } = new();

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync();

    public void Dispose() => App.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DrawingsBrowserTestGroup : ICollectionFixture<DrawingsBrowserApp>
{
    public const string Name = "browser with labelled drawings";
}

/// <summary>"That's wrong, it's a 7": labelling an answer, the gallery, its live updates, and training on the drawings from the start form.</summary>
[Collection(DrawingsBrowserTestGroup.Name)]
public sealed partial class YourDrawingsTests(DrawingsBrowserApp fixture) : BrowserTest(fixture.App)
{
    // Pixels of a chart close to a colour (its 2-pixel lines; anti-aliased edges excluded).
    private const string CountColourScript = """
        ([id, r, g, b]) => {
          const c = document.getElementById(id);
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (Math.abs(d[i] - r) < 16 && Math.abs(d[i + 1] - g) < 16 && Math.abs(d[i + 2] - b) < 16 && d[i + 3] > 200) n++;
          }
          return n;
        }
        """;

    // --drawings in site.css.
    private static readonly object[] DrawingsLine = ["accuracy-chart", 0x1b, 0x7f, 0x4c];

    [Fact]
    public async Task ADigitAnsweredNoItsASevenIsKeptAsASevenInTheGalleryAndTheNextEpochDrawsTheDrawingsLine()
    {
        await DeleteAllDrawingsAsync();
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        await App.Training.WaitForServerEpochAboveAsync(1);
        var dashboard = await App.OpenAsync(1440, 900);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;
        await Expect(page.Locator("#drawings-key")).ToBeHiddenAsync();
        await Expect(page.Locator("#label-panel")).ToBeHiddenAsync();

        await dashboard.DrawOneAsync();
        await dashboard.Button("What did I draw?").ClickAsync();
        await Expect(page.Locator("#result-mnist .digit")).ToHaveTextAsync(OneDigit());
        await Expect(page.Locator("#label-right")).ToHaveTextAsync(RightIts());
        await page.GetByLabel("No, it's a").SelectOptionAsync("7");
        await dashboard.Button("Save as 7").ClickAsync();
        await Expect(page.Locator("#label-result")).ToContainTextAsync("Kept as a 7.");
        await Expect(page.Locator("#label-choice")).ToBeHiddenAsync();

        var item = page.Locator("#gallery-list .gallery-item");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync("said 7");
        await Expect(page.Locator("#gallery-count")).ToHaveTextAsync("(1)");
        var stored = Assert.Single(await DrawingsAsync());
        Assert.Equal(7, stored.GetProperty("label").GetInt32());

        // The next run's epochs are scored on it: a second, dashed line in its own colour, with its key and readout.
        var runId = await App.Training.StartAsync(epochs: 3, batchSize: 50);
        await Expect(page.Locator("#curves-run")).ToHaveTextAsync($"run {runId} (completed)");
        await Expect(page.Locator("#drawings-key")).ToBeVisibleAsync();
        await Expect(page.Locator("#drawings-key-text")).ToHaveTextAsync("drawings accuracy (%, dashed): all your drawings");
        await Expect(page.Locator("#accuracy-readout")).ToContainTextAsync(DrawingsReadout());
        Assert.True(await page.EvaluateAsync<int>(CountColourScript, DrawingsLine) > 20, "the drawings line is not drawn");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task ADrawingLabelledOnOnePageAppearsOnAnotherWhichOpensItAndDeletesItForBoth()
    {
        await DeleteAllDrawingsAsync();
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        await App.Training.WaitForServerEpochAboveAsync(1);
        var watching = await App.OpenAsync(390, 844, touch: true);
        await Expect(watching.Connection).ToHaveTextAsync("Live");
        await Expect(watching.Page.Locator("#gallery-count")).ToHaveTextAsync("(0)");
        var drawing = await App.OpenAsync(1440, 900);
        await Expect(drawing.StateBadge).ToHaveTextAsync("completed");

        await drawing.DrawOneAsync();
        await drawing.Button("What did I draw?").ClickAsync();
        await Expect(drawing.Page.Locator("#result-mnist .digit")).ToHaveTextAsync(OneDigit());
        var answered = (await drawing.Page.Locator("#result-mnist .digit").TextContentAsync())!;
        await drawing.Page.Locator("#label-right").ClickAsync();
        await Expect(drawing.Page.Locator("#label-result")).ToContainTextAsync($"Kept as a {answered}. The network read it right.");

        // The other page heard it from the hub (DrawingsChanged), without a reload.
        var page = watching.Page;
        await Expect(page.Locator("#gallery-count")).ToHaveTextAsync("(1)");
        var item = page.Locator("#gallery-list .gallery-item");
        await Expect(item).ToContainTextAsync($"said {answered}");
        await item.TapAsync();
        await Expect(page.Locator("#gallery-detail")).ToBeVisibleAsync();
        await Expect(page.Locator("#gallery-detail-title")).ToContainTextAsync($"you said {answered}");
        await Expect(page.Locator("#gallery-detail-bars li")).ToHaveCountAsync(10);
        await Expect(page.Locator("#gallery-detail-text")).ToContainTextAsync("The current model (run ");
        var ink = await page.EvaluateAsync<int>("() => { const d = document.getElementById('gallery-detail-input').getContext('2d').getImageData(0, 0, 28, 28).data; let n = 0; for (let i = 0; i < d.length; i += 4) n += d[i] > 0 ? 1 : 0; return n; }");
        Assert.True(ink > 10, $"the 28x28 input shows {ink} inked pixels");
        Assert.True(await watching.SidewaysOverflowAsync() <= 0, "the open drawing makes the phone page scroll sideways");

        await watching.Button("Delete this drawing").TapAsync();
        await Expect(page.Locator("#gallery-count")).ToHaveTextAsync("(0)");
        await Expect(page.Locator("#gallery-detail")).ToBeHiddenAsync();
        await Expect(drawing.Page.Locator("#gallery-count")).ToHaveTextAsync("(0)");
        Assert.Empty(await DrawingsAsync());
        Assert.Empty(watching.ConsoleErrors);
        Assert.Empty(drawing.ConsoleErrors);
    }

    [Fact]
    public async Task TheStartFormTrainsOnTheDrawingsAndNamesABadSplitBesideItsField()
    {
        await DeleteAllDrawingsAsync();
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        await App.Training.WaitForServerEpochAboveAsync(1);
        // One drawing on each side of the held-out split at 0.5 (the side is chosen by the PNG's bytes).
        var bars = Enumerable.Range(0, 60).Select(x => BarPng(20 + (3 * x))).ToList();
        await LabelAsync(bars.First(p => LabelledDrawing.SplitPoint(p) < 0.5), 1);
        await LabelAsync(bars.First(p => LabelledDrawing.SplitPoint(p) >= 0.5), 1);

        var dashboard = await App.OpenAsync(1440, 900);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;
        await Expect(page.Locator("#gallery-count")).ToHaveTextAsync("(2)");
        var copies = page.GetByLabel("Copies of each drawing (0 off)");
        var heldOut = page.GetByLabel("Held out for the curve (share 0-1)");
        await Expect(copies).ToHaveAttributeAsync("placeholder", "0");
        await Expect(heldOut).ToHaveAttributeAsync("placeholder", "0.5");

        await page.GetByLabel("Epochs").FillAsync("2");
        await copies.FillAsync("3");
        await heldOut.FillAsync("1.5");
        await dashboard.Button("Start training").ClickAsync();
        await Expect(page.Locator("#e-drawings-heldOut")).ToHaveTextAsync("Enter 1 or less.");

        // Both drawings held out: nothing left to train on, the server says so beside the copies.
        await heldOut.FillAsync("1");
        await dashboard.Button("Start training").ClickAsync();
        await Expect(page.Locator("#e-drawings-copies")).ToContainTextAsync("All 2 labelled drawings fall in the held-out part");
        await Expect(copies).ToHaveAttributeAsync("aria-invalid", "true");

        await heldOut.FillAsync("");
        await dashboard.Button("Start training").ClickAsync();
        await Expect(page.Locator("#drawings-key-text")).ToContainTextAsync("the held-out 50 % of your drawings only; the rest are trained on");
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        using var state = JsonDocument.Parse(await Http().GetStringAsync("api/training"));
        var drawings = state.RootElement.GetProperty("options").GetProperty("drawings");
        Assert.Equal((3, 0.5), (drawings.GetProperty("copies").GetInt32(), drawings.GetProperty("heldOut").GetDouble()));
        // Chromium logs the refused start (400) as a failed load; nothing else may fail.
        Assert.DoesNotContain(dashboard.ConsoleErrors, e => !e.Contains("Failed to load resource", StringComparison.Ordinal));
    }

    /// <summary>A vertical bar, black on a transparent 280x280 canvas, at x: a drawing with its own bytes.</summary>
    private static byte[] BarPng(int x)
    {
        using var image = new Image<Rgba32>(280, 280);
        for (var y = 40; y < 240; y++)
        {
            for (var dx = 0; dx < 20; dx++)
            {
                image[x + dx, y] = new Rgba32(0, 0, 0, 255);
            }
        }

        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    private HttpClient Http() => new() { BaseAddress = App.Address };

    private async Task LabelAsync(byte[] png, int label)
    {
        using var http = Http();
        using var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var response = await http.PostAsync($"api/drawings?label={label}", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<JsonElement[]> DrawingsAsync()
    {
        using var http = Http();
        return (await http.GetFromJsonAsync<JsonElement[]>("api/drawings"))!;
    }

    private async Task DeleteAllDrawingsAsync()
    {
        using var http = Http();
        foreach (var drawing in await DrawingsAsync())
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/drawings/{drawing.GetProperty("id").GetInt64()}") { Content = new StringContent("", System.Text.Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [GeneratedRegex("^[0-9]$")]
    private static partial Regex OneDigit();

    [GeneratedRegex("^Right, it's a [0-9]$")]
    private static partial Regex RightIts();

    [GeneratedRegex(@"drawings accuracy (0|100)\.00 % \(all your drawings\)")]
    private static partial Regex DrawingsReadout();
}
