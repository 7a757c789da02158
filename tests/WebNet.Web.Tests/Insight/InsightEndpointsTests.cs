using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Core.Insight;
using WebNet.Core.Network;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Tests.Api;
using WebNet.Web.Tests.Infrastructure;
using WebNet.Web.Training;

namespace WebNet.Web.Tests.Insight;

public sealed class InsightEndpointsTests : IDisposable
{
    private readonly WebNetFactory _factory = new();
    private readonly HttpClient _client;

    public InsightEndpointsTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/api/insight/importance")]
    [InlineData("/api/insight/confusion")]
    [InlineData("/api/insight/confusion/1/2")]
    public async Task EveryInsightIsUnavailableBeforeAnyModelExists(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task ImportanceScoresEveryHiddenNeuronOnTheTestSetAsTheCoreDoes()
    {
        var model = Publish(TestImages.Network());

        var importance = await _client.GetFromJsonAsync<ImportanceDto>("/api/insight/importance");

        var expected = NeuronImportance.Compute(new HiddenLayerProbe(model, Test()));
        Assert.NotNull(importance);
        Assert.Equal(100, importance.TestCount);
        Assert.Equal(expected.BaselineAccuracy, importance.BaselineAccuracy);
        Assert.Equal(16, importance.Neurons.Count);
        Assert.Equal(expected.DimCount, importance.DimCount);
        Assert.Equal(expected.DimmestFirst, importance.DimmestFirst);
        Assert.Equal(expected.Neurons.Select(n => n.AccuracyDrop), importance.Neurons.Select(n => n.AccuracyDrop));
        Assert.Equal(expected.Neurons.Select(n => n.OutgoingNorm), importance.Neurons.Select(n => n.OutgoingNorm));
        Assert.Contains("median", importance.DimRule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AblationGivesTheAccuracyOfMlpForwardWithThoseNeuronsOff()
    {
        var model = Publish(TestImages.Network());
        var test = Test();
        int[] off = [2, 5, 11];

        var answer = await (await _client.PostAsJsonAsync("/api/insight/ablation", new AblationRequest(off, null))).Content.ReadFromJsonAsync<AblationDto>();

        var correct = Enumerable.Range(0, test.Count).Count(s => IndexOfMax(model.Forward(test.Image(s), off.ToHashSet())[^1]) == test.Labels[s]);
        Assert.NotNull(answer);
        Assert.Equal(off, answer.Off);
        Assert.Equal(correct, answer.Correct);
        Assert.Equal(correct / 100.0, answer.Accuracy);
        Assert.Equal(answer.BaselineAccuracy - answer.Accuracy, answer.AccuracyDrop, 12);
    }

    [Fact]
    public async Task AblationOfTheDimmestSwitchesOffTheFirstOfTheImportanceOrder()
    {
        Publish(TestImages.Network());
        var importance = await _client.GetFromJsonAsync<ImportanceDto>("/api/insight/importance");

        var answer = await (await _client.PostAsJsonAsync("/api/insight/ablation", new AblationRequest(null, 4))).Content.ReadFromJsonAsync<AblationDto>();

        Assert.Equal(importance!.DimmestFirst.Take(4).Order(), answer!.Off);
    }

    [Theory]
    [InlineData("""{"off":[16]}""", "off")]
    [InlineData("""{"off":[-1]}""", "off")]
    [InlineData("""{"dimmest":-2}""", "dimmest")]
    [InlineData("""{"off":[1],"dimmest":2}""", "body")]
    [InlineData("""{}""", "body")]
    public async Task AnAblationOutsideTheLayerOrWithoutOneChoiceIsABadRequest(string json, string field)
    {
        Publish(TestImages.Network());

        var response = await _client.PostJsonAsync("/api/insight/ablation", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task TheConfusionMatrixSumsToTheTestSetAndACellShowsItsImages()
    {
        var model = Publish(TestImages.Network());

        var confusion = await _client.GetFromJsonAsync<ConfusionDto>("/api/insight/confusion");
        Assert.NotNull(confusion);
        Assert.Equal(100, confusion.Counts.Sum(row => row.Sum()));
        Assert.Equal(confusion.Correct, Enumerable.Range(0, 10).Sum(c => confusion.Counts[c][c]));
        var (actual, predicted) = Enumerable.Range(0, 100).Select(i => (i / 10, i % 10)).First(c => c.Item1 != c.Item2 && confusion.Counts[c.Item1][c.Item2] > 0);

        var cell = await _client.GetFromJsonAsync<ConfusionCellDto>($"/api/insight/confusion/{actual}/{predicted}?limit=1");

        Assert.NotNull(cell);
        Assert.Equal(confusion.Counts[actual][predicted], cell.Count);
        var image = Assert.Single(cell.Images);
        Assert.Equal(actual, image.Label);
        Assert.Equal(predicted, image.Predicted);
        var pixels = Convert.FromBase64String(image.Pixels);
        Assert.Equal(784, pixels.Length);
        var input = pixels.Select(b => b / 255f).ToArray();
        Assert.Equal(predicted, IndexOfMax(model.Forward(Test().Image(image.Index))[^1]));
        Assert.Equal(1.0, image.Probabilities.Sum(), 6);
        Assert.True(input.Max() > 0.5f);
    }

    [Theory]
    [InlineData("/api/insight/confusion/10/0")]
    [InlineData("/api/insight/confusion/0/1?limit=-1")]
    public async Task AClassOutsideTheDigitsOrANegativeLimitIsABadRequest(string path)
    {
        Publish(TestImages.Network());

        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ANewlyPublishedModelIsExaminedAfreshNotServedFromTheCache()
    {
        Publish(TestImages.Network(seed: 1));
        var first = await _client.GetFromJsonAsync<ImportanceDto>("/api/insight/importance");
        var second = Publish(TestImages.Network(seed: 2));

        var importance = await _client.GetFromJsonAsync<ImportanceDto>("/api/insight/importance");

        var expected = NeuronImportance.Compute(new HiddenLayerProbe(second, Test()));
        Assert.Equal(expected.Neurons.Select(n => n.OutgoingNorm), importance!.Neurons.Select(n => n.OutgoingNorm));
        Assert.NotEqual(first!.Neurons.Select(n => n.OutgoingNorm), importance.Neurons.Select(n => n.OutgoingNorm));
    }

    [Fact]
    public async Task TheCurrentModelsHeatmapGridIsAPngOfItsHiddenNeurons()
    {
        Publish(TestImages.Network());

        var response = await _client.GetAsync("/api/insight/heatmap.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var size = SixLabors.ImageSharp.Image.Identify(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Core.Imaging.HeatmapRenderer.Size(16, 784), (size.Width, size.Height));
    }

    [Fact]
    public async Task AModelWithoutAHiddenLayerCannotBeExamined()
    {
        Publish(Initializers.Create(NetworkShape.Create([784, 10], Activation.Sigmoid, Cost.CrossEntropy), Initializer.Xavier, new Core.Training.SplitMix64(3)));

        var response = await _client.GetAsync("/api/insight/importance");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    private Mlp Publish(Mlp model)
    {
        _factory.Services.GetRequiredService<ModelStore>().Publish(model, new ModelInfo(ModelInfo.FromImport, null, null, null, null, DateTimeOffset.UtcNow));
        return model;
    }

    private Core.Data.Dataset Test() => _factory.Services.GetRequiredService<IDatasetProvider>().Load().Test;

    private static int IndexOfMax(float[] values) => Array.IndexOf(values, values.Max());
}
