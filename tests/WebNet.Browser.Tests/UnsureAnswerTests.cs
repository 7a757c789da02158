using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebNet.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class UnsureAnswerTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task AnUnsureAnswerIsShownAsAQuestionWithTheRunnerUpAndNamesTheModel()
    {
        await App.Training.StartAsync(epochs: 2, batchSize: 50);
        var dashboard = await App.OpenAsync();
        await Expect(dashboard.StateBadge).ToHaveTextAsync("completed");
        var page = dashboard.Page;

        // The server's answer, made unsure between its digit and 9 (or 4), whatever the small model said.
        await page.RouteAsync("**/api/insight/explain**", async route =>
        {
            var response = await route.FetchAsync();
            var answer = JsonNode.Parse(await response.TextAsync())!.AsObject();
            var digit = (int)answer["digit"]!;
            answer["unsure"] = true;
            answer["runnerUp"] = digit == 9 ? 4 : 9;
            answer["runnerUpProbability"] = 0.3;
            await route.FulfillAsync(new() { Response = response, Body = answer.ToJsonString() });
        });

        var pad = dashboard.DrawingPad;
        await pad.ScrollIntoViewIfNeededAsync();
        var box = await pad.BoundingBoxAsync();
        Assert.NotNull(box);
        await page.Mouse.MoveAsync(box.X + 140, box.Y + 40);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 140, box.Y + 240, new() { Steps = 10 });
        await page.Mouse.UpAsync();
        var request = await page.RunAndWaitForRequestAsync(
            () => dashboard.Button("What did I draw?").ClickAsync(),
            r => r.Url.Contains("/api/insight/explain", StringComparison.Ordinal));

        var result = page.Locator("#result-mnist");
        await Expect(result).ToHaveAttributeAsync("data-unsure", "true");
        await Expect(result.Locator(".confidence")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^Not sure: [0-9] or [49]\\?"));
        await Expect(page.Locator("#classify-model-name")).ToContainTextAsync("Answered by the current model");
        Assert.Contains("compare=none", request.Url, StringComparison.Ordinal);
        Assert.Empty(dashboard.ConsoleErrors);
    }
}
