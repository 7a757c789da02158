using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using WebNet.Web.Security;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Security;

public sealed class CrossSiteControlTests : IDisposable
{
    private const string Evil = "http://evil.example";
    private readonly WebNetFactory _factory = new();
    private readonly HttpClient _client;

    public CrossSiteControlTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AFormPostFromAnotherSiteCannotStopTheRunAndTheRunKeepsRunning()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync("/api/training/start", Rest.TinyRun)).StatusCode);

        // What a browser sends for <form method=post action=http://app/api/training/stop> on another site, then the same from an older browser without Sec-Fetch-Site.
        foreach (var fetchSite in new[] { "cross-site", null })
        {
            using var form = new HttpRequestMessage(HttpMethod.Post, "/api/training/stop") { Content = new FormUrlEncodedContent([]) };
            form.Headers.Add("Origin", Evil);
            if (fetchSite is not null)
            {
                form.Headers.Add(SameOrigin.FetchSiteHeader, fetchSite);
            }

            var problem = await ProblemAsync(await _client.SendAsync(form), HttpStatusCode.Forbidden);
            Assert.Equal(fetchSite is null ? "Origin" : SameOrigin.FetchSiteHeader, problem.Extensions["header"]?.ToString());
        }

        using var sameSite = Request(HttpMethod.Post, "/api/training/stop", "", origin: null, fetchSite: "same-site");
        await ProblemAsync(await _client.SendAsync(sameSite), HttpStatusCode.Forbidden);
        Assert.Equal("running", (await _client.StateAsync()).State);
        await _client.WaitForEpochsAsync(2);
        await _client.PostAsync("/api/training/stop");
    }

    [Fact]
    public async Task AControlCallWithoutTheJsonContentTypeAnswers415NamingTheHeader()
    {
        using var none = new HttpRequestMessage(HttpMethod.Post, "/api/training/start");
        var problem = await ProblemAsync(await _client.SendAsync(none), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Content-Type", problem.Extensions["header"]?.ToString());
        Assert.Contains("application/json", problem.Detail, StringComparison.Ordinal);

        using var text = new HttpRequestMessage(HttpMethod.Post, "/api/training/start") { Content = new StringContent(Rest.TinyRun, Encoding.UTF8, "text/plain") };
        await ProblemAsync(await _client.SendAsync(text), HttpStatusCode.UnsupportedMediaType);

        using var octets = new HttpRequestMessage(HttpMethod.Put, "/api/model") { Content = new ByteArrayContent("{}"u8.ToArray()) };
        octets.Content.Headers.ContentType = new("application/octet-stream");
        await ProblemAsync(await _client.SendAsync(octets), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("idle", (await _client.StateAsync()).State);
    }

    [Fact]
    public async Task CallsFromTheAppsOwnPageStillWork()
    {
        using var start = Request(HttpMethod.Post, "/api/training/start", Rest.TinyRun, origin: "http://localhost", fetchSite: "same-origin");
        Assert.Equal(HttpStatusCode.Accepted, (await _client.SendAsync(start)).StatusCode);
        using var stop = Request(HttpMethod.Post, "/api/training/stop", "", origin: "http://localhost", fetchSite: "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(stop)).StatusCode);
        Assert.Equal("stopped", (await _client.StateAsync()).State);
    }

    [Fact]
    public async Task AHubNegotiateFromAForeignOriginIsRefusedAndOneFromThePageIsNot()
    {
        using var foreign = Request(HttpMethod.Post, "/hubs/training/negotiate?negotiateVersion=1", "", origin: Evil, fetchSite: null);
        var problem = await ProblemAsync(await _client.SendAsync(foreign), HttpStatusCode.Forbidden);
        Assert.Contains(Evil, problem.Detail, StringComparison.Ordinal);

        using var own = Request(HttpMethod.Post, "/hubs/training/negotiate?negotiateVersion=1", "", origin: "http://localhost", fetchSite: "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(own)).StatusCode);
        await using var hub = _factory.CreateHubConnection();
        await hub.StartAsync();
    }

    [Fact]
    public async Task AWebSocketToTheHubFromAForeignOriginIsRefused()
    {
        var sockets = _factory.Server.CreateWebSocketClient();
        sockets.ConfigureRequest = request => request.Headers.Origin = Evil;
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => sockets.ConnectAsync(new Uri(_factory.Server.BaseAddress, "/hubs/training?id=any"), CancellationToken.None));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeadersAndSwaggerAloneGetsALooserPolicy()
    {
        foreach (var path in new[] { "/", "/api/training", "/api/runs/999/history", "/js/main.js" })
        {
            var response = await _client.GetAsync(path);
            Assert.Equal(SecurityHeaders.AppPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        var swagger = await _client.GetAsync("/swagger/index.html");
        var policy = swagger.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageHasNoInlineScriptsOrStyleAttributesForThePolicyToBlock()
    {
        var html = await _client.GetStringAsync("/");
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotMatch("\\son[a-z]+=", html);
    }

    [Fact]
    public async Task ARequestForAnotherHostNameIsRefused()
    {
        var rebound = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://attacker.example") });
        Assert.Equal(HttpStatusCode.BadRequest, (await rebound.GetAsync("/api/training")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/training")).StatusCode);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string json, string? origin, string? fetchSite)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add(SameOrigin.FetchSiteHeader, fetchSite);
        }

        return request;
    }

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
    }
}
