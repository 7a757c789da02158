using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>A second app whose control calls need the admin key.</summary>
public sealed class KeyedBrowserApp : IAsyncLifetime, IDisposable
{
    public const string AdminKey = "s3cret-key";

    public BrowserApp App { get; } = BrowserApp.WithAdminKey(AdminKey);

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync();

    public void Dispose() => App.Dispose();
}

[CollectionDefinition(Name)]
public sealed class KeyedBrowserTestGroup : ICollectionFixture<KeyedBrowserApp>
{
    public const string Name = "browser with admin key";
}

[Collection(KeyedBrowserTestGroup.Name)]
public sealed class AdminKeyTests(KeyedBrowserApp keyed) : BrowserTest(keyed.App)
{
    [Fact]
    public async Task ControlsSayTheKeyIsNeededOrWrongAndWorkOnceTheRightKeyIsFilled()
    {
        await App.Training.StartAsync(epochs: 2000, batchSize: 20);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("running");
        var error = dashboard.Page.Locator("#control-error");

        await dashboard.Button("Pause").ClickAsync();
        await Expect(error).ToContainTextAsync("needs the admin key");
        await Expect(dashboard.StateBadge).ToHaveTextAsync("running");

        await dashboard.Page.GetByLabel("Admin key").FillAsync("not-the-key");
        await dashboard.Button("Use key").ClickAsync();
        await dashboard.Button("Pause").ClickAsync();
        await Expect(error).ToContainTextAsync("admin key is wrong");

        await dashboard.Page.GetByLabel("Admin key").FillAsync(KeyedBrowserApp.AdminKey);
        await dashboard.Button("Use key").ClickAsync();
        await Expect(dashboard.Connection).ToHaveTextAsync("Live");
        await dashboard.Button("Pause").ClickAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("paused");
        await Expect(error).ToBeHiddenAsync();

        await dashboard.Button("Stop").ClickAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("stopped");
    }
}
