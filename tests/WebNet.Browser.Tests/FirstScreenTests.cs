using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>What a person sees first: the status, the pad and the curve at 1440x900; a phone's order and width.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FirstScreenTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task AtADesktopSizeTheStatusThePadAndTheAccuracyCurveAreOnTheFirstScreen()
    {
        await App.Training.StartAsync(epochs: 3, batchSize: 50);
        var dashboard = await App.OpenAsync(1440, 900);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await dashboard.WaitForHeatmapsAsync();
        var page = dashboard.Page;

        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.scrollY"));
        foreach (var (name, target) in new[]
        {
            ("the training status", page.Locator("#training")),
            ("the drawing pad", dashboard.DrawingPad),
            ("What did I draw?", dashboard.Button("What did I draw?")),
            ("the accuracy curve", page.GetByRole(AriaRole.Img, new() { Name = "Test accuracy in percent per epoch" })),
        })
        {
            var box = await target.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 900 && box.X + box.Width <= 1440, $"{name} spans y {box.Y}..{box.Y + box.Height}, x ..{box.X + box.Width}: not on the 1440x900 screen");
        }

        // Compare runs takes one line until it is opened.
        await Expect(page.Locator("#compare-chart")).ToBeHiddenAsync();
        await SaveAsync(page, "first-screen-1440x900.png");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task OnAPhoneTheCardsComeTrainingDrawCurvesWeightsAndTheFirstScreenIsSaved()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync(390, 844, touch: true);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await dashboard.WaitForHeatmapsAsync();
        var page = dashboard.Page;

        var tops = new List<float>();
        foreach (var id in new[] { "#training", "#draw", "#curves", "#weights" })
        {
            var box = await page.Locator(id).BoundingBoxAsync();
            Assert.NotNull(box);
            tops.Add(box.Y);
        }

        Assert.True(tops.SequenceEqual(tops.Order()), $"card tops {string.Join(", ", tops)}: not Training, Draw, Curves, Weights");
        Assert.True(await dashboard.SidewaysOverflowAsync() <= 0, "the phone page scrolls sideways");
        await SaveAsync(page, "first-screen-390x844.png");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task OnAPhoneNothingScrollsSidewaysWithInsightAnalysedTheConfusionMatrixOpenAndFormErrorsShown()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync(390, 844, touch: true);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;

        await dashboard.Button("Analyse current model").ClickAsync();
        await Expect(page.Locator("[data-insight=ranking] li")).ToHaveCountAsync(64);
        Assert.True(await dashboard.SidewaysOverflowAsync() <= 0, "insight analysed: the page scrolls sideways");

        await page.Locator("[data-insight=confusion] button:not([disabled])").First.ClickAsync();
        await Expect(page.Locator("[data-insight=cell-images] canvas").First).ToBeVisibleAsync();
        Assert.True(await dashboard.SidewaysOverflowAsync() <= 0, "confusion cell open: the page scrolls sideways");
        // The 10x10 table is wider than a phone's card: it scrolls inside its own box.
        var scroll = await page.Locator(".confusion-scroll").EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(scroll[0] > scroll[1], $"the confusion table ({scroll[0]} px) should scroll inside its {scroll[1]} px box");

        await page.GetByLabel("Learning rate").FillAsync("-1");
        await page.GetByLabel("Hidden layer sizes").FillAsync("sixty-four neurons in one layer");
        await dashboard.Button("Start training").ClickAsync();
        await Expect(page.Locator("#e-learningRate")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#e-hidden")).Not.ToBeEmptyAsync();
        Assert.True(await dashboard.SidewaysOverflowAsync() <= 0, "form errors shown: the page scrolls sideways");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task WhenARunCompletesThePageInvitesAPersonToDrawAndTheCurvesDoNotSayLive()
    {
        await App.Training.StopAsync();
        var dashboard = await App.OpenAsync(1440, 900);
        await Expect(dashboard.Connection).ToHaveTextAsync("Live");
        var page = dashboard.Page;
        var invite = page.Locator("#draw-invite");

        var runId = await App.Training.StartAsync(epochs: 3, batchSize: 50);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await Expect(invite).ToBeVisibleAsync();
        await Expect(invite).ToContainTextAsync($"Run {runId} finished");
        await Expect(invite).ToContainTextAsync("Draw a digit");
        await Expect(page.Locator("#curves-run")).ToHaveTextAsync($"run {runId} (completed)");
        var box = await invite.BoundingBoxAsync();
        Assert.True(box is not null && box.Y + box.Height <= 900, "the invitation is below the first screen");

        await App.Training.StartAsync(epochs: 2000, batchSize: 20);
        await App.Training.PauseAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("paused");
        await Expect(invite).ToBeHiddenAsync();
        await Expect(page.Locator("#curves-run")).ToContainTextAsync("(live)");
        await App.Training.StopAsync();
        Assert.Empty(dashboard.ConsoleErrors);
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} is too small to show the page");
        Screenshots.OfferForDocs(path, name);
    }
}
