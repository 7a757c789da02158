using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class ReconnectTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task AfterTheHubConnectionDropsThePageReconnectsAndShowsWhatHappenedMeanwhile()
    {
        var first = await App.Training.StartAsync(epochs: 2000, batchSize: 20);
        // The hub's traffic goes through these routes: while cut off, new connections fail.
        var cutOff = new CutOff();
        var dashboard = await App.OpenAsync(beforeLoad: async page =>
        {
            await page.RouteWebSocketAsync(url => url.Contains("/hubs/training", StringComparison.Ordinal), cutOff.OnSocket);
            await page.RouteAsync(url => url.Contains("/hubs/training/negotiate", StringComparison.Ordinal), cutOff.OnRequestAsync);
        });
        await Expect(dashboard.Connection).ToHaveTextAsync("Live");
        await Expect(dashboard.Page.Locator("#run-label")).ToContainTextAsync($"run {first}");

        await cutOff.DropAsync();
        await Expect(dashboard.Connection).Not.ToHaveTextAsync("Live");
        await App.Training.StopAsync();
        var second = await App.Training.StartAsync(epochs: 3, batchSize: 50);
        cutOff.Restore();

        await Expect(dashboard.Connection).ToHaveTextAsync("Live");
        await Expect(dashboard.Page.Locator("#run-label")).ToContainTextAsync($"run {second}");
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await Expect(dashboard.EpochCounter).ToHaveTextAsync("epoch 3 / 3");
        await Expect(dashboard.Page.Locator("#curves-run")).ToHaveTextAsync($"run {second} (completed)");
        await Expect(dashboard.ReplayLabel).ToHaveTextAsync("epoch 3 of 3");
    }

    private sealed class CutOff
    {
        private readonly List<IWebSocketRoute> _open = [];
        private volatile bool _dropped;

        public void OnSocket(IWebSocketRoute socket)
        {
            if (_dropped)
            {
                _ = socket.CloseAsync();
                return;
            }

            lock (_open)
            {
                _open.Add(socket);
            }

            socket.ConnectToServer();
        }

        public Task OnRequestAsync(IRoute route) => _dropped ? route.AbortAsync() : route.ContinueAsync();

        public async Task DropAsync()
        {
            _dropped = true;
            IWebSocketRoute[] open;
            lock (_open)
            {
                open = [.. _open];
                _open.Clear();
            }

            foreach (var socket in open)
            {
                await socket.CloseAsync();
            }
        }

        public void Restore() => _dropped = false;
    }
}
