using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

/// <summary>axe-core (npm, node_modules/axe-core) on the page in its main states, and the keyboard's tab order.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityTests(BrowserApp app) : BrowserTest(app)
{
    // The serious and critical violations, each as "rule: first targets".
    private const string AxeScript = """
        async () => {
          const result = await axe.run(document);
          // No rule passing would mean axe checked nothing: say so rather than report a clean page.
          if (result.passes.length === 0) return ['axe ran no rule'];
          return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | ')}`);
        }
        """;

    [Fact]
    public async Task AxeFindsNoSeriousOrCriticalViolationsInThePagesMainStates()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync(1440, 900);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        await dashboard.WaitForHeatmapsAsync();
        var page = dashboard.Page;
        // Evaluated, not added as a script tag: the page's Content-Security-Policy refuses inline scripts.
        await page.EvaluateAsync(await File.ReadAllTextAsync(Path.Combine(Screenshots.RepositoryRoot(), "node_modules", "axe-core", "axe.min.js")));

        var found = new List<string>();
        async Task ScanAsync(string state) => found.AddRange((await page.EvaluateAsync<string[]>(AxeScript)).Select(v => $"{state}: {v}"));

        await ScanAsync("a completed run");
        await dashboard.DrawOneAsync();
        await dashboard.Button("What did I draw?").ClickAsync();
        await Expect(page.Locator("#result-mnist .digit")).Not.ToHaveTextAsync("?");
        await ScanAsync("a drawing answered");
        await page.Locator("#compare summary").ClickAsync();
        await page.Locator("#compare-runs input").First.CheckAsync();
        await Expect(page.Locator("#compare-legend li")).ToHaveCountAsync(1);
        await ScanAsync("runs compared");
        await dashboard.Button("Analyse current model").ClickAsync();
        await Expect(page.Locator("[data-insight=ranking] li")).ToHaveCountAsync(64);
        await ScanAsync("insight analysed");
        await page.GetByLabel("Learning rate").FillAsync("-1");
        await dashboard.Button("Start training").ClickAsync();
        await Expect(page.Locator("#e-learningRate")).Not.ToBeEmptyAsync();
        await ScanAsync("form errors shown");

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task TheFirstTabStopIsTheRunControlAndThePadIsFollowedByItsControls()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync(1440, 900);
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;
        await dashboard.DrawOneAsync();
        await Expect(dashboard.Button("What did I draw?")).ToBeEnabledAsync();
        await page.EvaluateAsync("() => document.activeElement?.blur()");

        var stops = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            stops.Add(await page.EvaluateAsync<string>("() => document.activeElement?.id || document.activeElement?.tagName"));
        }

        Assert.NotEqual("admin-key", stops[0]);
        var classify = stops.IndexOf("classify-button");
        Assert.True(classify >= 0, $"the tab stops were {string.Join(", ", stops)}");
        Assert.True(stops.IndexOf("admin-key") < 0 || stops.IndexOf("admin-key") > classify, $"the admin key comes before the pad: {string.Join(", ", stops)}");
        Assert.Equal(["classify-button", "clear-button", "pen-width", "classify-preprocess", "classify-model"], stops.Skip(classify).Take(5));
        Assert.Empty(dashboard.ConsoleErrors);
    }
}
