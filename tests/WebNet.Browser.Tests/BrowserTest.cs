namespace WebNet.Browser.Tests;

/// <summary>
/// A test on a shared app and browser: the pages it opened close when it ends, so the collection's later tests never
/// share the two cores with the earlier tests' pages, which stay connected and draw every epoch pushed to them.
/// </summary>
public abstract class BrowserTest(BrowserApp app) : IAsyncLifetime
{
    /// <summary>The app and browser the test runs on.</summary>
    protected BrowserApp App { get; } = app;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => App.ClosePagesAsync();
}
