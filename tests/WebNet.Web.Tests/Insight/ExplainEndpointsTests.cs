using WebNet.Core.Imaging;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using WebNet.Core.Insight;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Tests.Api;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Insight;

public sealed class ExplainEndpointsTests : IDisposable
{
    private readonly WebNetFactory _factory = new();
    private readonly HttpClient _client;

    public ExplainEndpointsTests()
    {
        _client = _factory.CreateClient();
        _factory.Services.GetRequiredService<ModelStore>().Publish(TestImages.Network(), new ModelInfo(ModelInfo.FromImport, null, null, null, null, DateTimeOffset.UtcNow));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ADrawingIsExplainedWithTheClassifyAnswerHiddenActivationsAndAContributionPerPixel()
    {
        var explained = await OkAsync(await _client.PostAsync("/api/insight/explain", Png(TestImages.SevenPng())));
        var classified = await (await _client.PostAsync("/api/classify", Png(TestImages.SevenPng()))).Content.ReadFromJsonAsync<ClassifyResponse>();

        Assert.Equal(classified!.Digit, explained.Digit);
        Assert.Equal(classified.Probabilities, explained.Probabilities);
        Assert.Equal(classified.Input, explained.Input);
        Assert.Equal(PreprocessModes.Default.ToWireName(), explained.Preprocess);
        Assert.Empty(explained.Off);
        Assert.Equal(explained.Digit, explained.Target);
        Assert.Equal(16, explained.Hidden.Length);
        Assert.Equal(TestImages.Network().Forward(explained.Input)[0], explained.Hidden);
        Assert.Equal(784, explained.Contributions.Length);
        Assert.Equal(InputAttribution.Explain(TestImages.Network(), explained.Input).Contributions, explained.Contributions);
        Assert.All(Enumerable.Range(0, 784).Where(i => explained.Input[i] == 0f), i => Assert.Equal(0f, explained.Contributions[i]));
        Assert.Contains(explained.Contributions, c => c != 0f);
    }

    [Fact]
    public async Task NeuronsOffAreZeroAndTheAnswerIsTheNetworkWithoutThem()
    {
        var drawing = new { pixels = Bar(), width = 28, height = 28 };
        var explained = await OkAsync(await _client.PostAsJsonAsync("/api/insight/explain?off=15,0,3&digit=4", drawing));
        var expected = InputAttribution.Explain(TestImages.Network(), explained.Input, 4, new HashSet<int> { 0, 3, 15 });

        Assert.Equal([0, 3, 15], explained.Off);
        Assert.Equal(4, explained.Target);
        Assert.Equal(0f, explained.Hidden[0]);
        Assert.Equal(0f, explained.Hidden[3]);
        Assert.Equal(0f, explained.Hidden[15]);
        Assert.Equal(expected.Outputs, explained.Outputs);
        Assert.Equal(expected.Contributions, explained.Contributions);
        Assert.Equal(expected.Score, explained.Score);
    }

    [Theory]
    [InlineData("off=16", "off")]
    [InlineData("off=1,x", "off")]
    [InlineData("digit=10", "digit")]
    [InlineData("preprocess=deskew", "preprocess")]
    public async Task BadQueryValuesAreValidationProblemsNamingTheField(string query, string field)
    {
        var response = await _client.PostAsJsonAsync($"/api/insight/explain?{query}", new { pixels = Bar(), width = 28, height = 28 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    [Fact]
    public async Task BadBodiesGetTheSameProblemsAsClassify()
    {
        await ProblemAsync(await _client.PostAsync("/api/insight/explain", Png([])), HttpStatusCode.BadRequest);
        await ProblemAsync(await _client.PostAsync("/api/insight/explain", new StringContent("seven", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await _client.PostAsync("/api/insight/explain", Png(TestImages.Blank(i => s => i.SaveAsGif(s)))), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await _client.PostAsync("/api/insight/explain", Png(TestImages.Blank(i => s => i.SaveAsPng(s)))), HttpStatusCode.UnprocessableEntity);
        await ProblemAsync(await _client.PostAsJsonAsync("/api/insight/explain", new { pixels = new double[3], width = 2, height = 2 }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WithoutAModelTheServiceIsUnavailableWithRetryAfter()
    {
        using var factory = new WebNetFactory();
        var response = await factory.CreateClient().PostAsync("/api/insight/explain", Png(TestImages.SevenPng()));

        await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task SwaggerDocumentsTheExplainBodiesQueryParametersAndAnswer()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var explain = document["paths"]!["/api/insight/explain"]!["post"]!;

        Assert.Equal("ExplainDrawing", (string?)explain["operationId"]);
        Assert.Equal("binary", (string?)explain["requestBody"]!["content"]!["image/png"]!["schema"]!["format"]);
        Assert.NotNull(explain["requestBody"]!["content"]!["multipart/form-data"]);
        var parameters = explain["parameters"]!.AsArray().Select(p => (string?)p!["name"]).ToList();
        Assert.Contains("preprocess", parameters);
        Assert.Contains("off", parameters);
        Assert.Contains("digit", parameters);
        foreach (var status in new[] { "200", "400", "413", "415", "422", "503" })
        {
            Assert.NotNull(explain["responses"]![status]);
        }

        var answer = (string?)explain["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"];
        var properties = document["components"]!["schemas"]![answer!.Split('/')[^1]]!["properties"]!.AsObject();
        Assert.True(properties.ContainsKey("contributions") && properties.ContainsKey("hidden") && properties.ContainsKey("probabilities"));
    }

    private static double[] Bar()
    {
        var pixels = new double[784];
        for (var y = 4; y < 24; y++)
        {
            for (var x = 12; x < 16; x++)
            {
                pixels[(y * 28) + x] = 1.0;
            }
        }

        return pixels;
    }

    private static ByteArrayContent Png(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static async Task<ExplainResponse> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ExplainResponse>())!;
    }

    private static async Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
