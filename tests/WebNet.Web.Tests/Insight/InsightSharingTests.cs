using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Web.Api;
using WebNet.Web.Models;
using WebNet.Web.Tests.Api;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Insight;

public sealed class InsightSharingTests : IDisposable
{
    private readonly WebNetFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ConcurrentImportanceRequestsComputeTheRankingOnceForTheModel()
    {
        var client = _factory.CreateClient();
        Publish();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync("/api/insight/importance")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        Assert.Equal(1, _factory.Services.GetRequiredService<ModelInsightCache>().Get().Insight!.ImportanceStarts);
    }

    [Fact]
    public async Task AnImportanceRequestWhoseClientHasLeftStartsNoComputation()
    {
        _factory.CreateClient();
        Publish();
        var cache = _factory.Services.GetRequiredService<ModelInsightCache>();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            InsightEndpoints.GetImportance(cache, _factory.Services.GetRequiredService<ModelStore>(), new DefaultHttpContext().Response, aborted.Token));

        Assert.Equal(0, cache.Get().Insight!.ImportanceStarts);
    }

    private void Publish() => _factory.Services.GetRequiredService<ModelStore>()
        .Publish(TestImages.Network(), new ModelInfo(ModelInfo.FromImport, null, null, null, null, DateTimeOffset.UtcNow));
}
