using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using WebNet.Core.Imaging;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Api;

public sealed class ClassifyEndpointsTests : IDisposable
{
    private readonly WebNetFactory _factory = new();
    private readonly HttpClient _client;

    public ClassifyEndpointsTests()
    {
        _client = _factory.CreateClient();
        _factory.Services.GetRequiredService<ModelStore>().Publish(TestImages.Network(), new ModelInfo(ModelInfo.FromImport, null, null, null, null, DateTimeOffset.UtcNow));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ARawPngIsClassifiedWithTheInputTheNetworkRead()
    {
        var png = TestImages.SevenPng();
        var answer = await OkAsync(await _client.PostAsync("/api/classify", Png(png)));

        var expected = DigitPreprocessor.Process(InkExtractor.Extract(PngImageDecoder.Decode(png)), PreprocessModes.Default);
        var outputs = new float[10];
        TestImages.Network().Predict(expected.Input, outputs);
        Assert.Equal(Array.IndexOf(outputs, outputs.Max()), answer.Digit);
        Assert.Equal(expected.Input, answer.Input);
        Assert.Equal(outputs, answer.Outputs);
        Assert.Equal(10, answer.Probabilities.Length);
        Assert.Equal(1.0, answer.Probabilities.Sum(), 6);
        Assert.Equal(answer.Probabilities[answer.Digit], answer.Confidence);
        Assert.Equal(PreprocessModes.Default.ToWireName(), answer.Preprocess);
        Assert.Equal(expected.BoundingBox, answer.BoundingBox);
        Assert.NotNull(answer.Shift);
        Assert.InRange(answer.CentreOfMass!.Value.X, 13f, 14f);
    }

    [Fact]
    public async Task AMultipartImageAndAnOpaqueCanvasGiveTheSameAnswerAsTheRawPng()
    {
        var raw = await OkAsync(await _client.PostAsync("/api/classify", Png(TestImages.SevenPng())));
        using var form = new MultipartFormDataContent { { Png(TestImages.SevenPng(transparent: false)), "image", "digit.png" } };
        var multipart = await OkAsync(await _client.PostAsync("/api/classify", form));

        Assert.Equal(raw.Digit, multipart.Digit);
        for (var i = 0; i < 784; i++)
        {
            Assert.Equal(raw.Input[i], multipart.Input[i], 1e-5f);
        }
    }

    [Fact]
    public async Task JsonPixelsWithPreprocessNoneAreReadAsTheyAre()
    {
        var pixels = Enumerable.Range(0, 784).Select(i => i % 29 == 0 ? 1.0 : 0.0).ToArray();
        var answer = await OkAsync(await _client.PostAsJsonAsync("/api/classify?preprocess=none", new { pixels, width = 28, height = 28 }));

        Assert.Equal("none", answer.Preprocess);
        Assert.Equal(pixels.Select(p => (float)p), answer.Input);
        Assert.Null(answer.BoundingBox);
    }

    [Fact]
    public async Task AnEmptyBodyIsABadRequest()
    {
        await ProblemAsync(await _client.PostAsync("/api/classify", Png([])), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GifAndJpegAreUnsupportedMediaTypes()
    {
        await ProblemAsync(await _client.PostAsync("/api/classify", Png(TestImages.Blank(i => s => i.SaveAsGif(s)))), HttpStatusCode.UnsupportedMediaType, "GIF");
        await ProblemAsync(await _client.PostAsync("/api/classify", Png(TestImages.Blank(i => s => i.SaveAsJpeg(s)))), HttpStatusCode.UnsupportedMediaType, "JPEG");
        await ProblemAsync(await _client.PostAsync("/api/classify", new StringContent("seven", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task RandomBytesAndATruncatedPngAreBadRequests()
    {
        var random = new byte[2000];
        new Random(5).NextBytes(random);
        await ProblemAsync(await _client.PostAsync("/api/classify", Png(random)), HttpStatusCode.BadRequest);
        var png = TestImages.SevenPng();
        await ProblemAsync(await _client.PostAsync("/api/classify", Png(png[..(png.Length / 2)])), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AHugeImageHeaderIsTooLarge()
    {
        await ProblemAsync(await _client.PostAsync("/api/classify", Png(TestImages.HugeHeaderPng())), HttpStatusCode.RequestEntityTooLarge, "50000x50000");
    }

    [Fact]
    public async Task ABodyOverOneMebibyteIsTooLarge()
    {
        var body = new byte[(1024 * 1024) + 1];
        TestImages.SevenPng().CopyTo(body, 0);
        await ProblemAsync(await _client.PostAsync("/api/classify", Png(body)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("""{"pixels":[0,0,0],"width":2,"height":2}""", "pixels")]
    [InlineData("""{"pixels":[0,0,"NaN",0],"width":2,"height":2}""", "pixels")]
    [InlineData("""{"pixels":[0,0,1.5,0],"width":2,"height":2}""", "pixels")]
    [InlineData("""{"pixels":[0,0,-0.1,0],"width":2,"height":2}""", "pixels")]
    [InlineData("""{"pixels":[0,0,0,0],"width":0,"height":2}""", "width")]
    [InlineData("""{"width":2,"height":2}""", "pixels")]
    [InlineData("""{"pixels":[0,0,0,0],"width":2,"height":2""", "body")]
    public async Task BadPixelsAreRejectedNamingTheField(string json, string field)
    {
        var response = await _client.PostAsync("/api/classify", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task AnUnknownPreprocessingIsRejected()
    {
        var response = await _client.PostAsync("/api/classify?preprocess=deskew", Png(TestImages.SevenPng()));
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("preprocess", problem!.Errors.Keys);
    }

    [Fact]
    public async Task ABlankDrawingIsUnprocessable()
    {
        await ProblemAsync(await _client.PostAsync("/api/classify", Png(TestImages.Blank(i => s => i.SaveAsPng(s)))), HttpStatusCode.UnprocessableEntity, "blank");
        await ProblemAsync(await _client.PostAsJsonAsync("/api/classify", new { pixels = new double[16], width = 4, height = 4 }), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task WithoutAModelTheServiceIsUnavailableWithRetryAfter()
    {
        using var factory = new WebNetFactory();
        var response = await factory.CreateClient().PostAsync("/api/classify", Png(TestImages.SevenPng()));
        await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    private static ByteArrayContent Png(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static async Task<ClassifyResponse> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ClassifyResponse>(JsonSerializerOptions.Web))!;
    }

    private static async Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
