using WebNet.Core.Imaging;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Core.Classification;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Storage;
using WebNet.Web.Tests.Infrastructure;
using WebNet.Web.Training;

namespace WebNet.Web.Tests.Api;

/// <summary>compare=, preprocess=stroke, unsure, and run= (a finished run's final model) on classify and explain.</summary>
public sealed class ClassifyModesAndModelsTests : IDisposable
{
    private readonly WebNetFactory _factory = new();
    private readonly HttpClient _client;

    public ClassifyModesAndModelsTests()
    {
        _client = _factory.CreateClient();
        _factory.Services.GetRequiredService<ModelStore>().Publish(TestImages.Network(), new ModelInfo(ModelInfo.FromImport, null, null, null, null, DateTimeOffset.UtcNow));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CompareAnswersTheSameDrawingTheOtherWayInOneRequest()
    {
        var both = await OkAsync<ClassifyResponse>(await _client.PostAsync("/api/classify?compare=none", Png(TestImages.SevenPng())));
        var none = await OkAsync<ClassifyResponse>(await _client.PostAsync("/api/classify?preprocess=none", Png(TestImages.SevenPng())));

        Assert.Equal(PreprocessModes.Default.ToWireName(), both.Preprocess);
        Assert.NotNull(both.Compare);
        Assert.Equal("none", both.Compare.Preprocess);
        Assert.Equal(none.Input, both.Compare.Input);
        Assert.Equal(none.Probabilities, both.Compare.Probabilities);
        Assert.Null(both.Compare.Compare);

        var explained = await OkAsync<ExplainResponse>(await _client.PostAsync("/api/insight/explain?compare=none", Png(TestImages.SevenPng())));
        Assert.Equal(none.Probabilities, explained.Compare!.Probabilities);
        Assert.Equal("import", explained.Model!.Source);
    }

    [Fact]
    public async Task StrokePreprocessingReportsItsStepsAndMnistDoesNot()
    {
        var stroke = await OkAsync<ClassifyResponse>(await _client.PostAsync("/api/classify?preprocess=stroke", Png(TestImages.SevenPng())));
        var mnist = await OkAsync<ClassifyResponse>(await _client.PostAsync("/api/classify?preprocess=mnist", Png(TestImages.SevenPng())));

        Assert.Equal("stroke", stroke.Preprocess);
        Assert.NotNull(stroke.Steps);
        Assert.Equal(0, stroke.Steps.SpecksRemoved);
        Assert.InRange(stroke.Steps.StrokeWidth, 1f, 3f);
        Assert.Equal(Core.Strokes.StrokeWidth.MnistTarget, stroke.Steps.TargetStrokeWidth);
        Assert.Null(mnist.Steps);
    }

    [Fact]
    public async Task UnsureFollowsTheRuleWithTheRunnerUp()
    {
        var answer = await OkAsync<ClassifyResponse>(await _client.PostAsync("/api/classify", Png(TestImages.SevenPng())));

        var (runnerUp, unsure) = AnswerCertainty.Judge(answer.Probabilities, answer.Digit);
        Assert.Equal(runnerUp, answer.RunnerUp);
        Assert.Equal(unsure, answer.Unsure);
        Assert.Equal(answer.Probabilities[runnerUp], answer.RunnerUpProbability);

        // An untrained 784-16-10 sigmoid net spreads its answer over the digits: not sure.
        Assert.True(answer.Unsure);
    }

    [Fact]
    public async Task RunAnswersWithThatFinishedRunsFinalModelAndNamesIt()
    {
        var (runId, model) = FinishedRun(accuracy: 0.42);

        var answer = await OkAsync<ClassifyResponse>(await _client.PostAsync($"/api/classify?run={runId}", Png(TestImages.SevenPng())));
        var again = await OkAsync<ExplainResponse>(await _client.PostAsync($"/api/insight/explain?run={runId}", Png(TestImages.SevenPng())));

        Assert.Equal(new AnsweringModelDto("run", runId, 3, 0.42), answer.Model);
        Assert.Equal(model.Forward(answer.Input)[^1], answer.Outputs);
        Assert.Equal(answer.Model, again.Model);
        Assert.Equal(answer.Outputs, again.Outputs);
        Assert.Equal(model.Forward(answer.Input)[0], again.Hidden);
    }

    [Fact]
    public async Task AnUnknownRunIsNotFoundAndARunStillTrainingIsAConflict()
    {
        var unknown = await _client.PostAsync("/api/classify?run=999", Png(TestImages.SevenPng()));
        var running = _factory.Services.GetRequiredService<IRunStore>().CreateRun(Presets.Seed, "cpu", "test");
        var conflict = await _client.PostAsync($"/api/insight/explain?run={running}", Png(TestImages.SevenPng()));
        var malformed = await _client.PostAsync("/api/classify?run=latest", Png(TestImages.SevenPng()));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("999", (await unknown.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("run", (await malformed.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    [Fact]
    public async Task ARunsModelIsLoadedOnceAndServedFromTheCache()
    {
        var (runId, _) = FinishedRun(accuracy: 0.5);
        var cache = _factory.Services.GetRequiredService<RunModelCache>();

        var first = cache.Get(runId).Model;
        await OkAsync<ClassifyResponse>(await _client.PostAsync($"/api/classify?run={runId}", Png(TestImages.SevenPng())));

        Assert.Same(first, cache.Get(runId).Model);
    }

    private (long RunId, Mlp Model) FinishedRun(double accuracy)
    {
        var store = _factory.Services.GetRequiredService<IRunStore>();
        var options = Presets.Seed with { Hidden = [16] };
        var model = Initializers.Create(options.CreateShape(784, 10), Initializer.Xavier, new SplitMix64(5));
        var runId = store.CreateRun(options, "cpu", "test");
        store.SaveEpoch(runId, new EpochResult(3, accuracy, 1.0, 1.0, 0.1, 1000), WeightQuantizer.Quantize(model), new TrainerCheckpoint(3, model.Parameters, new float[1], 1, 1), RunState.Completed);
        return (runId, model);
    }

    private static ByteArrayContent Png(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
