using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Core.Network;
using WebNet.Core.Serialization;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Api;

/// <summary>
/// Classifies racing a PUT /api/model: the import's body is held back half-way, half of the classifies answer
/// while it is held, then the rest race the swap. Every answer must be one model's, whole.
/// </summary>
public sealed class ModelImportConcurrencyTests : IDisposable
{
    private const int Parallel = 50;

    private readonly WebNetFactory _factory = new();
    private readonly HttpClient _client;

    public ModelImportConcurrencyTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task FiftyParallelClassifiesDuringAnImportAllSucceedWithWholeAnswersFromTheOldOrTheNewModel()
    {
        var old = TestImages.Network(seed: 1);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(Json(ModelJson.Serialize(new ModelDocument(old, ModelInput.Mnist))))).StatusCode);
        var before = await ClassifyAsync();
        var replacement = Confident(TestImages.Network(seed: 2), digit: (before.Digit + 3) % 10);

        var race = await RaceAsync(ModelJson.Serialize(new ModelDocument(replacement, ModelInput.Mnist)));

        Assert.Equal(HttpStatusCode.OK, race.Import.StatusCode);
        var after = await ClassifyAsync();
        Assert.Equal((before.Digit + 3) % 10, after.Digit);
        Assert.True(Math.Abs(after.Confidence - before.Probabilities[after.Digit]) > 0.5, "the two models must answer clearly differently");
        Assert.Equal(replacement.Parameters, _factory.Services.GetRequiredService<ModelStore>().Current!.Parameters);

        Assert.All(race.WhileHeld, answer => AssertSame(before, answer));
        Assert.All(race.Racing, answer => Assert.True(
            Same(before, answer) || Same(after, answer),
            $"an answer matches neither model: digit {answer.Digit}, probabilities [{string.Join(", ", answer.Probabilities)}]"));
    }

    [Fact]
    public async Task AFailedImportDuringParallelClassifiesLeavesTheOldModelServing()
    {
        var old = TestImages.Network(seed: 5);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(Json(ModelJson.Serialize(new ModelDocument(old, ModelInput.Mnist))))).StatusCode);
        var before = await ClassifyAsync();

        // Valid until its very last layer, whose last row is one number short.
        var json = JsonNode.Parse(ModelJson.Serialize(new ModelDocument(Confident(TestImages.Network(seed: 6), digit: (before.Digit + 1) % 10), ModelInput.Mnist)))!;
        json["layers"]![1]!["weights"]![9]!.AsArray().RemoveAt(0);
        var race = await RaceAsync(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, race.Import.StatusCode);
        Assert.All(race.WhileHeld.Concat(race.Racing), answer => AssertSame(before, answer));
        AssertSame(before, await ClassifyAsync());
        Assert.Equal(old.Parameters, _factory.Services.GetRequiredService<ModelStore>().Current!.Parameters);
    }

    [Fact]
    public async Task DownloadingAModelThenImportingItGivesIdenticalPredictions()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync("/api/training/start", Rest.TinyRun)).StatusCode);
        await _client.WaitForEpochsAsync(3);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/training/stop")).StatusCode);

        HttpContent[] Drawings() => [Png(TestImages.SevenPng()), JsonContent.Create(Bar()), JsonContent.Create(Ring())];
        var trained = await Task.WhenAll(Drawings().Select(ClassifyAsync));

        var download = await _client.GetAsync("/api/model");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var file = await download.Content.ReadAsByteArrayAsync();
        var import = await PutAsync(Json(file));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(ModelInfo.FromImport, (await import.Content.ReadFromJsonAsync<ModelSummaryDto>())!.Source);

        var imported = await Task.WhenAll(Drawings().Select(ClassifyAsync));
        for (var i = 0; i < trained.Length; i++)
        {
            Assert.Equal(trained[i].Outputs, imported[i].Outputs);
            AssertSame(trained[i], imported[i]);
        }

        // And the imported model downloads as the same network again.
        var again = ModelJson.Read(await _client.GetByteArrayAsync("/api/model"));
        Assert.Equal(ModelJson.Read(file).Network.Parameters, again.Network.Parameters);
    }

    /// <summary>
    /// Sends the import with its body held half-way, starts the classifies, lets the body finish once half of them
    /// have answered, and returns the import's answer with the classify answers split by when they came.
    /// </summary>
    private async Task<Race> RaceAsync(byte[] importBody)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var held = new HeldContent(importBody, release.Task);
        var import = PutAsync(held);
        await held.HalfSent.WithTimeout("the first half of the import body");

        var halfAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = 0;
        var whileHeld = new System.Collections.Concurrent.ConcurrentBag<ClassifyResponse>();
        var racing = new System.Collections.Concurrent.ConcurrentBag<ClassifyResponse>();
        var classifies = Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            var answer = await ClassifyAsync();
            (release.Task.IsCompleted ? racing : whileHeld).Add(answer);
            if (Interlocked.Increment(ref answered) == Parallel / 2)
            {
                halfAnswered.TrySetResult();
            }
        })).ToArray();

        await halfAnswered.Task.WithTimeout("half of the classifies");
        release.SetResult();
        await Task.WhenAll(classifies).WithTimeout("every classify");
        var response = await import.WithTimeout("the import");
        Assert.Equal(Parallel, whileHeld.Count + racing.Count);
        Assert.True(whileHeld.Count >= Parallel / 2, $"only {whileHeld.Count} classifies answered while the import was held");
        return new Race(response, [.. whileHeld], [.. racing]);
    }

    private Task<ClassifyResponse> ClassifyAsync() => ClassifyAsync(Png(TestImages.SevenPng()));

    private async Task<ClassifyResponse> ClassifyAsync(HttpContent drawing)
    {
        using var response = await _client.PostAsync("/api/classify", drawing);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ClassifyResponse>())!;
    }

    private Task<HttpResponseMessage> PutAsync(HttpContent body) => _client.PutAsync("/api/model", body);

    /// <summary>The network with its output biases pushed so that it answers digit, and sure of it, whatever it sees.</summary>
    private static Mlp Confident(Mlp network, int digit)
    {
        var copy = network.Clone();
        var biases = copy.Shape.BiasOffset(copy.Shape.Layers.Count - 1);
        for (var d = 0; d < 10; d++)
        {
            copy.Parameters[biases + d] = d == digit ? 12f : -12f;
        }

        return copy;
    }

    private static bool Same(ClassifyResponse expected, ClassifyResponse actual) =>
        expected.Digit == actual.Digit && expected.Probabilities.SequenceEqual(actual.Probabilities) && expected.Outputs.SequenceEqual(actual.Outputs);

    private static void AssertSame(ClassifyResponse expected, ClassifyResponse actual)
    {
        Assert.Equal(expected.Digit, actual.Digit);
        Assert.Equal(expected.Probabilities, actual.Probabilities);
        Assert.Equal(expected.Outputs, actual.Outputs);
    }

    private static ByteArrayContent Png(byte[] png)
    {
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    // A "1": a vertical bar in the left part of a 56x56 grid.
    private static object Bar() => Grid(56, (x, y) => x is >= 14 and < 19 && y is >= 6 and < 50);

    // A "0": a ring in the lower right of a 56x56 grid.
    private static object Ring() => Grid(56, (x, y) =>
    {
        var r = Math.Sqrt(Math.Pow((x - 36) / 0.75, 2) + Math.Pow(y - 34, 2));
        return r is >= 12 and < 17;
    });

    private static object Grid(int size, Func<int, int, bool> ink) => new
    {
        pixels = Enumerable.Range(0, size * size).Select(i => ink(i % size, i / size) ? 1.0 : 0.0),
        width = size,
        height = size,
    };

    private sealed record Race(HttpResponseMessage Import, ClassifyResponse[] WhileHeld, ClassifyResponse[] Racing);

    /// <summary>A JSON body that sends its first half, then waits for release before sending the rest.</summary>
    private sealed class HeldContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly Task _release;
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldContent(byte[] body, Task release)
        {
            _body = body;
            _release = release;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public Task HalfSent => _halfSent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _body.Length / 2;
            await stream.WriteAsync(_body.AsMemory(0, half));
            await stream.FlushAsync();
            _halfSent.TrySetResult();
            await _release;
            await stream.WriteAsync(_body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
