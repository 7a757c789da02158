using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class ModelTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task TheDownloadedModelImportsAgainAndABrokenFileShowsTheServersError()
    {
        await App.Training.StartAsync(epochs: 1, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");

        var download = await dashboard.Page.RunAndWaitForDownloadAsync(
            () => dashboard.Page.GetByRole(AriaRole.Link, new() { Name = "Download model" }).ClickAsync());
        Assert.EndsWith(".json", download.SuggestedFilename, StringComparison.Ordinal);
        var file = dashboard.Page.GetByLabel("Import a model (JSON)");
        await file.SetInputFilesAsync(new FilePayload
        {
            Name = download.SuggestedFilename,
            MimeType = "application/json",
            Buffer = await File.ReadAllBytesAsync(await download.PathAsync()),
        });
        await dashboard.Button("Import model").ClickAsync();
        await Expect(dashboard.Page.Locator("#import-result")).ToContainTextAsync($"Imported {download.SuggestedFilename}");
        await Expect(dashboard.Page.Locator("#import-result")).ToContainTextAsync("784-64-10");
        await Expect(dashboard.Page.Locator("#answering-name")).ToContainTextAsync("Answers come from the imported model");

        // An imported model has no run, so no run GIF: the link is hidden, not merely pointing at "#".
        await dashboard.Button("Analyse current model").ClickAsync();
        await Expect(dashboard.Page.Locator("[data-insight=summary]")).ToContainTextAsync("The imported model: test accuracy");
        await Expect(dashboard.Page.GetByRole(AriaRole.Link, new() { Name = "Download heatmaps (PNG)" })).ToBeVisibleAsync();
        await Expect(dashboard.Page.Locator("[data-insight=gif]")).ToBeHiddenAsync();

        await file.SetInputFilesAsync(new FilePayload
        {
            Name = "broken.json",
            MimeType = "application/json",
            Buffer = """{"format":"webnet-mlp","version":1}"""u8.ToArray(),
        });
        await dashboard.Button("Import model").ClickAsync();
        await Expect(dashboard.Page.Locator("#import-error")).ToContainTextAsync("rejected");
        await Expect(dashboard.Page.Locator("#import-result")).ToBeEmptyAsync();
    }
}
