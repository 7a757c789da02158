using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using WebNet.Web.Contracts;
using WebNet.Web.Hubs;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests;

public sealed class TrainingHubTests
{
    [Fact]
    public async Task SignalRClientReceivesEpochCompletedInOrderWithRisingEpochsAndCompactWeights()
    {
        using var factory = new WebNetFactory();
        await using var connection = factory.CreateHubConnection();
        var epochs = new List<EpochDto>();
        var progress = new TaskCompletionSource<ProgressDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<ProgressDto>(nameof(ITrainingClient.EpochProgress), p => progress.TrySetResult(p));
        var fourth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<EpochDto>(nameof(ITrainingClient.EpochCompleted), epoch =>
        {
            lock (epochs)
            {
                epochs.Add(epoch);
            }

            if (epoch.Epoch == 4)
            {
                fourth.TrySetResult();
            }
        });
        await connection.StartAsync();

        var client = factory.CreateClient();
        // Forty epochs, not four: progress is throttled and skipped while an epoch is being pushed, so a run of four
        // six-batch epochs could end, on a loaded machine, before any progress went out.
        var response = await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":40}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fourth.Task.WithTimeout("the fourth epoch");

        lock (epochs)
        {
            Assert.Equal([0, 1, 2, 3, 4], epochs.Take(5).Select(e => e.Epoch));
            Assert.Equal(Enumerable.Range(0, epochs.Count), epochs.Select(e => e.Epoch));
            Assert.All(epochs, e => Assert.InRange(e.TestAccuracy, 0, 1));
            var first = epochs[4].Weights!.Layers[0];
            Assert.Equal((784, 8, "sigmoid"), (first.Inputs, first.Outputs, first.Activation));
            Assert.Equal(784 * 8, first.Weights.Length);
            Assert.Equal(8, first.Biases.Length);
            Assert.True(first.Scale > 0);
        }

        var batch = await progress.Task.WithTimeout("progress within an epoch");
        // Progress is skipped while an epoch is still being pushed, so the first one may come from any epoch.
        Assert.InRange(batch.Epoch, 1, 40);
        Assert.Equal(6, batch.Batches);
        Assert.InRange(batch.Batch, 1, 6);
        await client.WaitForStateAsync("completed");
    }

    [Fact]
    public async Task MessagePackClientReceivesTheSameEpochsWithTheWeightsAsRawBytes()
    {
        using var factory = new WebNetFactory();
        await using var json = factory.CreateHubConnection();
        await using var binary = factory.CreateHubConnection(messagePack: true);
        var fromJson = new TaskCompletionSource<EpochDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fromBinary = new TaskCompletionSource<EpochDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        json.On<EpochDto>(nameof(ITrainingClient.EpochCompleted), e => _ = e.Epoch == 2 && fromJson.TrySetResult(e));
        binary.On<EpochDto>(nameof(ITrainingClient.EpochCompleted), e => _ = e.Epoch == 2 && fromBinary.TrySetResult(e));
        await json.StartAsync();
        await binary.StartAsync();

        var client = factory.CreateClient();
        var response = await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":2}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var a = await fromJson.Task.WithTimeout("epoch 2 over JSON");
        var b = await fromBinary.Task.WithTimeout("epoch 2 over MessagePack");

        Assert.Equal((a.RunId, a.TestAccuracy, a.TrainLoss), (b.RunId, b.TestAccuracy, b.TrainLoss));
        Assert.Equal(a.Weights!.Layers.Count, b.Weights!.Layers.Count);
        for (var l = 0; l < a.Weights.Layers.Count; l++)
        {
            Assert.Equal(a.Weights.Layers[l].Weights, b.Weights.Layers[l].Weights);
            Assert.Equal(a.Weights.Layers[l].Biases, b.Weights.Layers[l].Biases);
        }

        Assert.Equal(784 * 8, b.Weights.Layers[0].Weights.Length);
        await client.WaitForStateAsync("completed");
    }

    [Fact]
    public async Task ConnectingClientGetsTheRunStateAndTheHistorySoThePageNeverStartsBlank()
    {
        using var factory = new WebNetFactory();
        var client = factory.CreateClient();
        await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":3}""");
        await client.WaitForStateAsync("completed");

        await using var connection = factory.CreateHubConnection();
        var state = new TaskCompletionSource<RunStateDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        var history = new TaskCompletionSource<HistoryDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<RunStateDto>(nameof(ITrainingClient.RunState), s => state.TrySetResult(s));
        connection.On<HistoryDto>(nameof(ITrainingClient.History), h => history.TrySetResult(h));
        await connection.StartAsync();

        var received = await state.Task.WithTimeout("RunState");
        Assert.Equal(("completed", 3, 3), (received.State, received.Epoch, received.Epochs));
        Assert.Equal([8], received.Options!.Hidden);
        var rows = await history.Task.WithTimeout("History");
        Assert.Equal([0, 1, 2, 3], rows.Epochs.Select(e => e.Epoch));
        Assert.All(rows.Epochs, e => Assert.Null(e.Weights));
        Assert.Equal(784, rows.Weights!.Layers[0].Inputs);
    }

    [Fact]
    public async Task HubMethodsControlTheRunLikeTheRestCalls()
    {
        using var factory = new WebNetFactory();
        await using var connection = factory.CreateHubConnection();
        await connection.StartAsync();
        var client = factory.CreateClient();

        var invalid = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<RunStateDto>("Start", new StartRequest { Hidden = [8], LearningRate = -1 }));
        Assert.Contains("learningRate", invalid.Message, StringComparison.Ordinal);
        var started = await connection.InvokeAsync<RunStateDto>("Start", new StartRequest { Hidden = [8], BatchSize = 50, Epochs = 100_000 });
        Assert.Equal("running", started.State);
        await client.WaitForEpochsAsync(2);
        Assert.Equal("paused", (await connection.InvokeAsync<RunStateDto>("Pause")).State);
        Assert.Equal("running", (await connection.InvokeAsync<RunStateDto>("Resume")).State);
        Assert.Equal("stopped", (await connection.InvokeAsync<RunStateDto>("Stop")).State);
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<RunStateDto>("Resume"));
        Assert.Contains("paused", refused.Message, StringComparison.Ordinal);
        Assert.Equal("stopped", (await client.StateAsync()).State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HubStartRefusesUnknownFieldsByNameAsTheRestCallDoesAndStartsNothing(bool messagePack)
    {
        using var factory = new WebNetFactory();
        await using var connection = factory.CreateHubConnection(messagePack: messagePack);
        await connection.StartAsync();
        var client = factory.CreateClient();
        const string Body = """{"hidden":[8],"learningRat":0.1,"dropout":0.5,"augmentation":{"blur":1}}""";
        var rest = (await (await client.PostJsonAsync("/api/training/start", Body)).Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Equal(["augmentation.blur", "dropout", "learningRat"], rest.Errors.Keys.Order(StringComparer.Ordinal));

        var request = new Dictionary<string, object>
        {
            ["hidden"] = new[] { 8 },
            ["learningRat"] = 0.1,
            ["dropout"] = 0.5,
            ["augmentation"] = new Dictionary<string, object> { ["blur"] = 1 },
        };
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<RunStateDto>("Start", request));

        Assert.Contains("HubException: Invalid request: ", refused.Message, StringComparison.Ordinal);
        foreach (var (field, messages) in rest.Errors)
        {
            Assert.Contains($"{field}: {Assert.Single(messages)}", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal("idle", (await client.StateAsync()).State);
        Assert.Empty((await client.GetFromJsonAsync<RunSummaryDto[]>("/api/runs"))!);
    }

    [Fact]
    public async Task HubStartOverMessagePackReadsFieldsInAnyCaseAndNamesAFieldItCannotRead()
    {
        using var factory = new WebNetFactory();
        await using var connection = factory.CreateHubConnection(messagePack: true);
        await connection.StartAsync();

        // A float NaN has no JSON form: it is named as the field it was sent for, not a failure of the whole message.
        var mistyped = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<RunStateDto>("Start", new Dictionary<string, object> { ["learningRate"] = float.NaN }));
        Assert.Contains("learningRate: The field 'learningRate' must be a finite number.", mistyped.Message, StringComparison.Ordinal);

        // camelCase, as a browser's object would be sent; the C# client's StartRequest goes as PascalCase (the other tests).
        var request = new Dictionary<string, object> { ["hidden"] = new[] { 8 }, ["batchSize"] = 50, ["learningRate"] = 0.25f, ["epochs"] = 100_000 };
        var started = await connection.InvokeAsync<RunStateDto>("Start", request);

        Assert.Equal("running", started.State);
        Assert.Equal([8], started.Options!.Hidden);
        Assert.Equal((50, 0.25f, 100_000), (started.Options.BatchSize, started.Options.LearningRate, started.Options.Epochs));
        Assert.Equal("stopped", (await connection.InvokeAsync<RunStateDto>("Stop")).State);
    }

    [Fact]
    public async Task AnOversizedHubMessageClosesThatClientOnlyAndTheServerKeepsServing()
    {
        using var factory = new WebNetFactory();
        await using var bystander = factory.CreateHubConnection();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bystander.On<RunStateDto>(nameof(ITrainingClient.RunState), s =>
        {
            if (s.State == "running")
            {
                running.TrySetResult();
            }
        });
        await bystander.StartAsync();
        await using var offender = factory.CreateHubConnection();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        offender.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await offender.StartAsync();

        var huge = new StartRequest { Hidden = Enumerable.Repeat(1, (int)HubExtensions.MaximumReceiveMessageSize).ToArray() };
        await Assert.ThrowsAnyAsync<Exception>(() => offender.InvokeAsync<RunStateDto>("Start", huge));
        await closed.Task.WithTimeout("the offender's connection to close");

        Assert.Equal(HubConnectionState.Connected, bystander.State);
        var client = factory.CreateClient();
        Assert.Equal("idle", (await client.StateAsync()).State);
        await client.PostJsonAsync("/api/training/start", Rest.TinyRun);
        await running.Task.WithTimeout("the bystander to hear the run start");
        await client.PostAsync("/api/training/stop");
    }
}
