using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>The start form: every error at once, the preset's values in view, and what Start does during a run.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class StartFormTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task FiveBadFieldsGiveFiveMessagesAtOnceAndNoRunStarts()
    {
        await App.Training.StopAsync();
        var dashboard = await App.OpenAsync();
        var page = dashboard.Page;
        await Expect(dashboard.Button("Start training")).ToBeEnabledAsync();
        // The server's current run, not the page's label: the label may still be filling in from the hub.
        var before = await App.Training.CurrentRunIdAsync();

        await page.GetByLabel("Hidden layer sizes").FillAsync("64, lots");
        await page.GetByLabel("Learning rate").FillAsync("-0.5");
        await page.GetByLabel("Momentum").FillAsync("1.5");
        await page.GetByLabel("Batch size (samples)").FillAsync("0");
        await page.GetByLabel("Epochs").FillAsync("2.5");
        await dashboard.Button("Start training").ClickAsync();

        foreach (var field in new[] { "hidden", "learningRate", "momentum", "batchSize", "epochs" })
        {
            await Expect(page.Locator($"#e-{field}")).Not.ToBeEmptyAsync();
            await Expect(page.Locator($"#f-{field}")).ToHaveAttributeAsync("aria-invalid", "true");
        }

        await Expect(page.Locator(".start-form .field-error:not(:empty)")).ToHaveCountAsync(5);
        await Expect(page.Locator("#start-error")).ToHaveTextAsync("Please correct the 5 fields marked above.");
        Assert.Equal(before, await App.Training.CurrentRunIdAsync());
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task TheAnswerToStartArrivingAfterTheRunCompletedLeavesThePageAtCompleted()
    {
        await App.Training.StopAsync();
        // The answer to the start request is held back until the hub has reported the run complete, as a slow network
        // or a busy page would: a one-epoch run can end before its start is answered.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dashboard = await App.OpenAsync(beforeLoad: page => page.RouteAsync("**/api/training/start", async route =>
        {
            var answer = await route.FetchAsync();
            await release.Task;
            await route.FulfillAsync(new RouteFulfillOptions { Response = answer });
        }));
        var page = dashboard.Page;
        await Expect(dashboard.Button("Start training")).ToBeEnabledAsync();

        await page.GetByLabel("Epochs").FillAsync("1");
        await dashboard.Button("Start training").ClickAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        release.SetResult();

        // The form is free again once the answer ("running", epoch 0) has been handled: the page stays at completed.
        await Expect(dashboard.Button("Start training")).ToBeEnabledAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await Expect(dashboard.EpochCounter).ToHaveTextAsync("epoch 1 / 1");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task AFieldsErrorLeavesItsNeighbourInTheRowAsTallAsBefore()
    {
        await App.Training.StopAsync();
        var dashboard = await App.OpenAsync();
        var page = dashboard.Page;
        // Optimizer and learning rate share a row of the form. Both boxes are read in one layout pass: the page
        // above the form may still be filling in (run label, history), which moves the whole form between two reads.
        var field = page.GetByLabel("Learning rate");
        var before = await RowAsync(page);
        Assert.Equal(before.NeighbourTop, before.FieldTop, 1);

        await field.FillAsync("-3");
        await dashboard.Button("Start training").ClickAsync();
        await Expect(page.Locator("#e-learningRate")).Not.ToBeEmptyAsync();
        var after = await RowAsync(page);
        Assert.Equal(before.NeighbourHeight, after.NeighbourHeight, 1);
        Assert.Equal(after.NeighbourTop, after.FieldTop, 1);
    }

    private sealed record Row(double NeighbourTop, double NeighbourHeight, double FieldTop);

    private static async Task<Row> RowAsync(IPage page)
    {
        var box = await page.EvaluateAsync<double[]>(
            "() => { const n = document.getElementById('f-optimizer').getBoundingClientRect();" +
            " const f = document.getElementById('f-learningRate').getBoundingClientRect(); return [n.top, n.height, f.top]; }");
        return new Row(box[0], box[1], box[2]);
    }

    [Fact]
    public async Task ChoosingAPresetShowsItsValuesInTheEmptyFields()
    {
        await App.Training.StopAsync();
        var dashboard = await App.OpenAsync();
        var page = dashboard.Page;

        await Expect(page.GetByLabel("Learning rate")).ToHaveAttributeAsync("placeholder", "0.01");
        await Expect(page.GetByLabel("Hidden layer sizes")).ToHaveAttributeAsync("placeholder", "64");
        await Expect(page.GetByLabel("Epochs")).ToHaveAttributeAsync("placeholder", "230");
        await Expect(page.Locator("#f-activation option").First).ToHaveTextAsync("preset: sigmoid");

        await page.GetByLabel("Preset").SelectOptionAsync("robust");
        await Expect(page.GetByLabel("Learning rate")).ToHaveAttributeAsync("placeholder", "0.05");
        await Expect(page.GetByLabel("Hidden layer sizes")).ToHaveAttributeAsync("placeholder", "800");
        await Expect(page.GetByLabel("Momentum")).ToHaveAttributeAsync("placeholder", "0.9");
        await Expect(page.GetByLabel("Rotation (± degrees)")).ToHaveAttributeAsync("placeholder", "15");
        await Expect(page.Locator("#f-activation option").First).ToHaveTextAsync("preset: relu");
        await Expect(page.Locator("#f-schedule option").First).ToHaveTextAsync("preset: cosine");
        await Expect(page.Locator("input[placeholder='preset']")).ToHaveCountAsync(0);
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task DuringARunStartSaysWhyItIsOffAndStopAndStartNewAsksFirst()
    {
        var first = await App.Training.StartAsync(epochs: 2000, batchSize: 20);
        await App.Training.PauseAsync(); // active however slow the machine
        var dashboard = await App.OpenAsync();
        var page = dashboard.Page;
        await Expect(dashboard.StateBadge).ToHaveTextAsync("paused");

        await Expect(dashboard.Button("Start training")).ToBeDisabledAsync();
        await Expect(page.Locator("#start-blocked")).ToBeVisibleAsync();
        await Expect(page.Locator("#start-blocked")).ToContainTextAsync($"run {first} is paused");

        await dashboard.Button("Stop and start new").ClickAsync();
        var question = page.GetByRole(AriaRole.Alertdialog);
        await Expect(question).ToContainTextAsync($"Stop run {first}");
        await dashboard.Button("Keep it running").ClickAsync();
        await Expect(question).ToBeHiddenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("paused");
        await Expect(page.Locator("#run-label")).ToContainTextAsync($"run {first} ·");

        await page.GetByLabel("Epochs").FillAsync("1");
        await dashboard.Button("Stop and start new").ClickAsync();
        await dashboard.Button("Stop it and start the new run").ClickAsync();
        await Expect(page.Locator("#run-label")).Not.ToContainTextAsync($"run {first} ·");
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await Expect(dashboard.EpochCounter).ToHaveTextAsync("epoch 1 / 1");
        await Expect(page.Locator("#start-blocked")).ToBeHiddenAsync();
        Assert.Empty(dashboard.ConsoleErrors);
    }
}
