using Microsoft.Playwright;

namespace WebNet.Browser.Tests;

/// <summary>One app and one Chromium for the whole collection; each test opens its own page.</summary>
public sealed class BrowserApp : IAsyncLifetime, IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Generous: the tests share two cores with builds; every wait ends as soon as its condition holds.
    private const float Timeout = 90_000;

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly WebNetBrowserFactory _factory;
    private readonly string? _adminKey;
    private readonly List<IBrowserContext> _contexts = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp()
        : this(adminKey: null)
    {
    }

    private BrowserApp(string? adminKey)
    {
        _adminKey = adminKey;
        _factory = new WebNetBrowserFactory(adminKey);
    }

    /// <summary>An app whose control calls need <paramref name="adminKey"/> (WebNet:AdminKey).</summary>
    public static BrowserApp WithAdminKey(string adminKey) => new(adminKey);

    public Uri Address { get; private set; } = null!;

    public TrainingApi Training { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}; run scripts/install-chromium.sh (apt-get install -y chromium) first.");
        }

        Assertions.SetDefaultExpectTimeout(Timeout);
        Address = _factory.Address;
        var http = new HttpClient { BaseAddress = Address };
        if (_adminKey is not null)
        {
            http.DefaultRequestHeaders.Add("X-Admin-Key", _adminKey);
        }

        Training = new TrainingApi(http);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A fresh page on the dashboard, recording console errors and uncaught exceptions;
    /// <paramref name="beforeLoad"/> can set up routes before the page asks for anything.
    /// </summary>
    public async Task<DashboardPage> OpenAsync(int width = 1400, int height = 1100, Func<IPage, Task>? beforeLoad = null, bool touch = false)
    {
        // touch: a phone's touch screen (taps, no hover), as Chromium emulates one.
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = Address.ToString(),
            HasTouch = touch,
            IsMobile = touch,
            AcceptDownloads = true,
        });
        lock (_contexts)
        {
            _contexts.Add(context);
        }

        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(page);
        if (beforeLoad is not null)
        {
            await beforeLoad(page);
        }

        await page.GotoAsync("/");
        return dashboard;
    }

    /// <summary>
    /// Closes every page opened so far (BrowserTest calls it as each test ends). A page left open stays connected and
    /// goes on drawing each pushed epoch: two dozen of them from earlier tests took both cores, and a later test's
    /// training, at the idle priority, then made no progress within the 90 s waits.
    /// </summary>
    public async Task ClosePagesAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }

        foreach (var context in open)
        {
            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        Training?.Dispose();
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    public void Dispose() => _factory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
