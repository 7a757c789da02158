using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Tests.Api;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Insight;

public sealed class ClassifyWithNeuronsOffTests : IDisposable
{
    private readonly WebNetFactory _factory = new();
    private readonly HttpClient _client;

    public ClassifyWithNeuronsOffTests()
    {
        _client = _factory.CreateClient();
        _factory.Services.GetRequiredService<ModelStore>().Publish(TestImages.Network(), new ModelInfo(ModelInfo.FromImport, null, null, null, null, DateTimeOffset.UtcNow));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ClassifyingWithNeuronsOffAnswersWithTheOutputsOfTheNetworkWithoutThem()
    {
        var drawing = Bar();

        var answer = await (await _client.PostAsJsonAsync("/api/classify?off=0,3,15", drawing)).Content.ReadFromJsonAsync<ClassifyResponse>();
        var full = await (await _client.PostAsJsonAsync("/api/classify", drawing)).Content.ReadFromJsonAsync<ClassifyResponse>();

        Assert.NotNull(answer);
        Assert.Equal(TestImages.Network().Forward(answer.Input, new HashSet<int> { 0, 3, 15 })[^1], answer.Outputs);
        Assert.NotEqual(full!.Outputs, answer.Outputs);
    }

    [Theory]
    [InlineData("16")]
    [InlineData("1,x")]
    [InlineData("-2")]
    public async Task AnOffListThatIsNotNeuronsOfTheHiddenLayerIsABadRequest(string off)
    {
        var response = await _client.PostAsJsonAsync($"/api/classify?off={off}", Bar());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"off\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A thick vertical stroke on a 28x28 grid.</summary>
    private static ClassifyPixelsRequest Bar()
    {
        var pixels = new double[784];
        for (var y = 4; y < 24; y++)
        {
            for (var x = 12; x < 16; x++)
            {
                pixels[(y * 28) + x] = 1.0;
            }
        }

        return new ClassifyPixelsRequest(pixels, 28, 28);
    }
}
