using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class DashboardTests(BrowserApp app) : BrowserTest(app)
{
    // Long enough that a run is still going when the test acts on it; each test stops its run.
    private const int LongRun = 2000;

    [Fact]
    public async Task ThePageLoadsWithItsControlsFoundByRole()
    {
        await App.Training.StopAsync();
        var dashboard = await App.OpenAsync();

        await Expect(dashboard.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("WebNet"));
        await Expect(dashboard.Connection).ToHaveTextAsync("Live");
        await Expect(dashboard.Button("Pause")).ToBeVisibleAsync();
        await Expect(dashboard.Button("Resume")).ToBeVisibleAsync();
        await Expect(dashboard.Button("Stop")).ToBeVisibleAsync();
        await Expect(dashboard.Button("Start training")).ToBeEnabledAsync();
        await Expect(dashboard.ReplaySlider).ToBeVisibleAsync();
        await Expect(dashboard.Page.GetByRole(AriaRole.Img, new() { Name = "Test accuracy in percent per epoch" })).ToBeVisibleAsync();
        await Expect(dashboard.DrawingPad).ToBeVisibleAsync();
        await Expect(dashboard.Button("What did I draw?")).ToBeVisibleAsync();
        await Expect(dashboard.Page.GetByRole(AriaRole.Link, new() { Name = "Download model" })).ToBeVisibleAsync();
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task TheEpochCounterAdvancesWhileTraining()
    {
        await App.Training.StartAsync(LongRun, batchSize: 20);
        var dashboard = await App.OpenAsync();

        await Expect(dashboard.StateBadge).ToHaveTextAsync("running");
        await dashboard.WaitForEpochAboveAsync(0);
        var seen = await dashboard.CompletedEpochsAsync();
        await dashboard.WaitForEpochAboveAsync(seen);
        await Expect(dashboard.EpochCounter).ToContainTextAsync($"/ {LongRun}");

        await App.Training.StopAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("stopped");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task TheHeatmapCanvasesAreNotBlank()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync();

        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await Expect(dashboard.HiddenHeatmaps).ToBeVisibleAsync();
        await Expect(dashboard.OutputHeatmaps).ToBeVisibleAsync();
        await dashboard.WaitForHeatmapsAsync();
        var layers = await dashboard.ReadHeatmapsAsync();

        Assert.Equal(2, layers.Length);
        // 8x8 tiles of 28x28 with gaps and bias bars; ten 8x8 tiles in one row.
        Assert.Equal((8 * 29) - 1, layers[0].Width);
        Assert.Equal((10 * 9) - 1, layers[1].Width);
        foreach (var layer in layers)
        {
            Assert.True(layer.Opaque > layer.Width * layer.Height / 2, $"only {layer.Opaque} of {layer.Width}x{layer.Height} pixels drawn");
            Assert.True(layer.Colours > 20, $"only {layer.Colours} colours: the heatmap looks flat");
        }

        await dashboard.HiddenHeatmaps.HoverAsync(new() { Position = new Position { X = 10, Y = 10 } });
        await Expect(dashboard.Page.Locator("#neuron-caption")).ToHaveTextAsync("Hidden layer 1, neuron 0");
        await Expect(dashboard.Page.Locator("#neuron-values")).ToContainTextAsync("Bias");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task PauseAndResumeWorkFromTheButtons()
    {
        await App.Training.StartAsync(LongRun, batchSize: 20);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("running");

        await dashboard.Button("Pause").ClickAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("paused");
        await Expect(dashboard.Button("Pause")).ToBeDisabledAsync();
        await Expect(dashboard.Button("Resume")).ToBeEnabledAsync();
        await Expect(dashboard.Button("Start training")).ToBeDisabledAsync();
        var paused = await dashboard.CompletedEpochsAsync();

        await dashboard.Button("Resume").ClickAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("running");
        await Expect(dashboard.Button("Resume")).ToBeDisabledAsync();

        // Training really goes on: asked of the server (the page's epoch counter is TheEpochCounterAdvancesWhileTraining's).
        await App.Training.WaitForServerEpochAboveAsync(paused);

        await dashboard.Button("Stop").ClickAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("stopped");
        await Expect(dashboard.Button("Start training")).ToBeEnabledAsync();
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task TheReplaySliderChangesTheHeatmaps()
    {
        const int epochs = 4;
        await App.Training.StartAsync(epochs, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await Expect(dashboard.ReplayLabel).ToHaveTextAsync($"epoch {epochs} of {epochs}");
        await dashboard.WaitForHeatmapsAsync();
        var trained = (await dashboard.ReadHeatmapsAsync())[0].Hash;

        await dashboard.ReplaySlider.FocusAsync();
        await dashboard.ReplaySlider.PressAsync("Home");
        await Expect(dashboard.ReplayLabel).ToHaveTextAsync($"epoch 0 of {epochs}");
        await Expect(dashboard.Page.Locator("#weights-epoch")).ToHaveTextAsync("after epoch 0");
        var untrained = (await dashboard.ReadHeatmapsAsync())[0].Hash;
        Assert.NotEqual(trained, untrained);

        await dashboard.Button("Step forward one epoch").ClickAsync();
        await Expect(dashboard.ReplayLabel).ToHaveTextAsync($"epoch 1 of {epochs}");
        await Expect(dashboard.Page.Locator("#weights-epoch")).ToHaveTextAsync("after epoch 1");
        Assert.NotEqual(untrained, (await dashboard.ReadHeatmapsAsync())[0].Hash);
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task TheStartFormShowsEachValidationErrorBesideItsField()
    {
        await App.Training.StopAsync();
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.Button("Start training")).ToBeEnabledAsync();

        // Values the page's own range checks let through and the server refuses: its messages, all at once.
        await dashboard.Page.GetByLabel("Learning rate").FillAsync("0");
        await dashboard.Page.GetByLabel("Momentum").FillAsync("1");
        await dashboard.Page.GetByLabel("Epochs").FillAsync("100000000");
        await dashboard.Button("Start training").ClickAsync();

        await Expect(dashboard.Page.Locator("#e-learningRate")).ToContainTextAsync("learning rate");
        await Expect(dashboard.Page.Locator("#e-momentum")).ToContainTextAsync("below 1");
        await Expect(dashboard.Page.Locator("#e-epochs")).ToContainTextAsync("Epochs");
        await Expect(dashboard.Page.GetByLabel("Learning rate")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dashboard.StateBadge).Not.ToHaveTextAsync("running");
    }

    [Fact]
    public async Task AScreenshotOfTheDashboardMidRunIsSaved()
    {
        await App.Training.StartAsync(LongRun, batchSize: 20);
        var dashboard = await App.OpenAsync(1400, 1500);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("running");
        await dashboard.WaitForEpochAboveAsync(4);
        await dashboard.WaitForHeatmapsAsync();

        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard-mid-run.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await dashboard.Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        await App.Training.StopAsync();

        Assert.True(new FileInfo(path).Length > 10_000, $"{path} is too small to show the page");
        Screenshots.OfferForReadme(path);
    }
}
