using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Api;

public sealed class RateLimitTests : IDisposable
{
    private readonly WebNetFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AClientOverTheInsightLimitGets429WithRetryAfterAsProblemDetails()
    {
        _factory.Settings["WebNet:RateLimits:InsightPerMinute"] = "2";
        var client = _factory.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.GetAsync("/api/insight/importance"));
        }

        Assert.All(answers.Take(2), r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode)); // no model yet: answered, not limited
        var limited = answers[2];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = (await limited.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal(429, problem.Status);
        Assert.Contains("insight", problem.Detail, StringComparison.Ordinal);

        // Other groups keep their own windows.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/training")).StatusCode);
    }

    [Fact]
    public async Task ClassifyAndExplainShareOnePerClientLimitWhereTheyAreMapped()
    {
        _factory.Settings["WebNet:RateLimits:DrawingPerSecond"] = "2";
        var client = _factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
        {
            var body = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
            body.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return client.PostAsync(i % 2 == 0 ? "/api/classify" : "/api/insight/explain", body);
        }));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.True(limited.Length >= 8, $"{limited.Length} of 12 limited");
        Assert.All(limited, r => Assert.NotNull(r.Headers.RetryAfter));
    }

    [Fact]
    public async Task TheDefaultLimitsLetABurstOfAThousandClassifyRequestsThrough()
    {
        var client = _factory.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ =>
        {
            var body = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
            body.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return client.PostAsync("/api/classify", body);
        }));

        Assert.DoesNotContain(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
    }
}
