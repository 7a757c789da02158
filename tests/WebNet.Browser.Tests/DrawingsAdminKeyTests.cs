using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>Deleting a labelled drawing from the gallery is a control call: on a server with an admin key, only with it.</summary>
[Collection(KeyedBrowserTestGroup.Name)]
public sealed class DrawingsAdminKeyTests(KeyedBrowserApp keyed) : BrowserTest(keyed.App)
{
    [Fact]
    public async Task TheGallerysDeleteSaysTheKeyIsNeededOrWrongAndWorksWithTheRightKey()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        await App.Training.WaitForServerEpochAboveAsync(1);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;

        // Labelling needs no key (anyone at the pad may say what they drew).
        await dashboard.DrawOneAsync();
        await dashboard.Button("What did I draw?").ClickAsync();
        await Expect(page.Locator("#result-mnist .digit")).Not.ToHaveTextAsync("?");
        await page.GetByLabel("No, it's a").SelectOptionAsync("4");
        await dashboard.Button("Save as 4").ClickAsync();
        await Expect(page.Locator("#label-result")).ToContainTextAsync("Kept as a 4.");

        var item = page.Locator("#gallery-list .gallery-item");
        await Expect(item).ToHaveCountAsync(1);
        await item.ClickAsync();
        var error = page.Locator("#gallery-detail-error");
        await dashboard.Button("Delete this drawing").ClickAsync();
        await Expect(error).ToContainTextAsync("needs the admin key");

        await page.GetByLabel("Admin key").FillAsync("not-the-key");
        await dashboard.Button("Use key").ClickAsync();
        await dashboard.Button("Delete this drawing").ClickAsync();
        await Expect(error).ToContainTextAsync("admin key is wrong");
        await Expect(item).ToHaveCountAsync(1);

        await page.GetByLabel("Admin key").FillAsync(KeyedBrowserApp.AdminKey);
        await dashboard.Button("Use key").ClickAsync();
        await dashboard.Button("Delete this drawing").ClickAsync();
        await Expect(item).ToHaveCountAsync(0);
        await Expect(page.Locator("#gallery-count")).ToHaveTextAsync("(0)");
        using var http = new HttpClient { BaseAddress = App.Address };
        Assert.Empty((await http.GetFromJsonAsync<JsonElement[]>("api/drawings"))!);
        // Chromium logs the refused calls (401, 403) as failed loads; nothing else may fail.
        Assert.DoesNotContain(dashboard.ConsoleErrors, e => !e.Contains("Failed to load resource", StringComparison.Ordinal));
    }
}
