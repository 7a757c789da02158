using WebNet.Core.Training;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests;

public sealed class TrainingControlTests : IDisposable
{
    private readonly WebNetFactory _factory = new();
    private readonly HttpClient _client;

    public TrainingControlTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task MalformedJsonIsRejectedNamingTheBodyAndTheServerKeepsRunning()
    {
        var errors = await BadRequestAsync("""{"hidden":[8],""");
        Assert.Contains("body", errors.Keys);
        await AssertStillIdleAsync();
    }

    [Fact]
    public async Task AnOversizedBodyIsRejectedWithoutBeingBuffered()
    {
        var errors = await BadRequestAsync("{\"preset\":\"" + new string('x', 70_000) + "\"}");
        Assert.Contains("64 KB", Assert.Single(errors["body"]), StringComparison.Ordinal);
        await AssertStillIdleAsync();
    }

    [Fact]
    public async Task UnknownFieldsAreRejectedByName()
    {
        var errors = await BadRequestAsync("""{"hidden":[8],"learningRat":0.1,"dropout":0.5}""");
        Assert.Equal(["dropout", "learningRat"], errors.Keys.Order());
        await AssertStillIdleAsync();
    }

    [Fact]
    public async Task OutOfRangeAndMistypedHyperparametersAreEachNamed()
    {
        var errors = await BadRequestAsync("""
            {"hidden":[0],"learningRate":-1,"batchSize":0,"epochs":0,"l2":-2,"momentum":1.5,
             "activation":"softmax","cost":"hinge","optimizer":"lbfgs","preset":"huge","seed":-3,"backend":"quantum"}
            """);
        Assert.Equal(
            ["activation", "backend", "batchSize", "cost", "epochs", "hidden", "l2", "learningRate", "momentum", "optimizer", "preset", "seed"],
            errors.Keys.Order(StringComparer.Ordinal));
        var mistyped = await BadRequestAsync("""{"learningRate":"fast","hidden":"wide","epochs":2.5}""");
        Assert.Equal(["epochs", "hidden", "learningRate"], mistyped.Keys.Order(StringComparer.Ordinal));
        var notAnObject = await BadRequestAsync("[1,2,3]");
        Assert.Contains("body", notAnObject.Keys);
        await AssertStillIdleAsync();
    }

    [Fact]
    public async Task BadAugmentationFieldsAndSchedulesAreEachNamed()
    {
        var errors = await BadRequestAsync("""
            {"schedule":"linear","augmentation":{"rotation":-5,"shift":20,"elastic":"much","blur":1}}
            """);
        Assert.Equal(
            ["augmentation.blur", "augmentation.elastic", "augmentation.rotation", "augmentation.shift", "schedule"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("0 (off) to 8 pixels", Assert.Single(errors["augmentation.shift"]), StringComparison.Ordinal);
        var notAnObject = await BadRequestAsync("""{"augmentation":12}""");
        Assert.Contains("augmentation", notAnObject.Keys);
        await AssertStillIdleAsync();
    }

    [Fact]
    public async Task TheRobustPresetStartsAugmentedAndARequestOverridesSingleRanges()
    {
        var start = await _client.PostJsonAsync("/api/training/start", """
            {"preset":"robust","hidden":[8],"batchSize":50,"epochs":100000,"augmentation":{"rotation":5,"elastic":0}}
            """);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var options = (await start.Content.ReadFromJsonAsync<RunStateDto>())!.Options!;
        Assert.Equal(("robust", "cosine", "relu"), (options.Preset, options.Schedule, options.Activation));
        Assert.Equal(new AugmentationDto(5, 0.12f, 12, 2, 0, 1f, Presets.Robust.Augmentation.Pen), options.Augmentation);
        await _client.WaitForEpochsAsync(2);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/training/stop")).StatusCode);
        var runs = await _client.GetFromJsonAsync<RunSummaryDto[]>("/api/runs");
        Assert.Equal(options.Augmentation, runs![0].Options.Augmentation);
    }

    [Fact]
    public async Task ABackendThatThisMachineLacksIsRejectedAsABadBackendField()
    {
        var errors = await BadRequestAsync("""{"backend":"cuda"}""");
        Assert.Contains("not available", Assert.Single(errors["backend"]), StringComparison.Ordinal);
        await AssertStillIdleAsync();
    }

    [Fact]
    public async Task ControlCallsFollowTheStateMachineRepeatIdempotentlyAndRefuseOutOfOrderCallsWithoutChangingState()
    {
        await AssertConflictAsync("/api/training/pause", "idle");
        await AssertConflictAsync("/api/training/resume", "idle");
        await AssertConflictAsync("/api/training/stop", "idle");

        var start = await _client.PostJsonAsync("/api/training/start", Rest.TinyRun);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var started = (await start.Content.ReadFromJsonAsync<RunStateDto>())!;
        Assert.Equal(("running", 100_000, "cpu"), (started.State, started.Epochs, started.Backend));
        Assert.Equal(0.5f, started.Options!.LearningRate);
        Assert.Equal("sigmoid", started.Options.Activation);
        await AssertConflictAsync("/api/training/start", "running", Rest.TinyRun);
        Assert.Equal("running", await ControlAsync("resume"));

        await _client.WaitForEpochsAsync(3);
        Assert.Equal("paused", await ControlAsync("pause"));
        Assert.Equal("paused", await ControlAsync("pause"));
        var pausedAt = (await _client.HistoryAsync()).Length;
        Assert.Equal(pausedAt - 1, (await _client.StateAsync()).Epoch);
        await AssertConflictAsync("/api/training/start", "paused", Rest.TinyRun);

        Assert.Equal("running", await ControlAsync("resume"));
        Assert.Equal("running", await ControlAsync("resume"));
        var resumed = await _client.WaitForEpochsAsync(pausedAt + 2);
        Assert.Equal(Enumerable.Range(0, resumed.Length), resumed.Select(e => e.Epoch));

        Assert.Equal("stopped", await ControlAsync("stop"));
        Assert.Equal("stopped", await ControlAsync("stop"));
        await AssertConflictAsync("/api/training/pause", "stopped");
        await AssertConflictAsync("/api/training/resume", "stopped");

        var next = await _client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":2}""");
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        Assert.NotEqual(started.RunId, (await next.Content.ReadFromJsonAsync<RunStateDto>())!.RunId);
        await _client.WaitForStateAsync("completed");
        await AssertConflictAsync("/api/training/stop", "completed");
    }

    [Fact]
    public async Task ConcurrentStartsLetExactlyOneRunBeginAndConcurrentPausesAgree()
    {
        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.PostJsonAsync("/api/training/start", Rest.TinyRun)));
        Assert.Single(starts, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(7, starts.Count(r => r.StatusCode == HttpStatusCode.Conflict));

        await _client.WaitForEpochsAsync(2);
        var pauses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _client.PostAsync("/api/training/pause")));
        Assert.All(pauses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var state = await _client.StateAsync();
        Assert.Equal("paused", state.State);
        var runs = (await _client.GetFromJsonAsync<RunSummaryDto[]>("/api/runs"))!;
        Assert.Equal(state.RunId, Assert.Single(runs).Id);
        Assert.Equal("stopped", await ControlAsync("stop"));
    }

    [Fact]
    public async Task AnEmptyStartBodyTrainsTheSeedPreset()
    {
        var start = await _client.PostAsync("/api/training/start");
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var state = (await start.Content.ReadFromJsonAsync<RunStateDto>())!;
        Assert.Equal(("seed", 230, 500), (state.Options!.Preset, state.Options.Epochs, state.Options.BatchSize));
        Assert.Equal([64], state.Options.Hidden);
        await _client.WaitForEpochsAsync(2);
        Assert.Equal("stopped", await ControlAsync("stop"));
    }

    private async Task<string> ControlAsync(string command)
    {
        var response = await _client.PostAsync($"/api/training/{command}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunStateDto>())!.State;
    }

    private async Task AssertConflictAsync(string path, string state, string body = "")
    {
        var response = await _client.PostJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal(StatusCodes.Status409Conflict, problem.Status);

        Assert.Equal(state, (await _client.StateAsync()).State);
    }

    private async Task<IDictionary<string, string[]>> BadRequestAsync(string json)
    {
        var response = await _client.PostJsonAsync("/api/training/start", json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors;
    }

    private async Task AssertStillIdleAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health")).StatusCode);
        var state = await _client.StateAsync();
        Assert.Equal(("idle", (long?)null), (state.State, state.RunId));
        Assert.Empty(await _client.HistoryAsync());
    }
}
