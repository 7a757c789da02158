using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Storage;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task AHostDisposedMidRunResumesOnTheSameDataFolderWithEveryCompletedEpochKeptAndTheSameResults()
    {
        var dataPath = WebNetFactory.NewDataPath();
        try
        {
            EpochDto[] before;
            long runId;
            using (var first = new WebNetFactory(dataPath))
            {
                var client = first.CreateClient();
                await client.PostJsonAsync("/api/training/start", Rest.TinyRun);
                before = await client.WaitForEpochsAsync(4);
                runId = (await client.StateAsync()).RunId!.Value;
            }

            using var second = new WebNetFactory(dataPath, autoStart: true);
            var resumed = second.CreateClient();
            var after = await resumed.WaitForEpochsAsync(before.Length + 3);
            var state = await resumed.StateAsync();
            Assert.Equal((runId, "running"), (state.RunId!.Value, state.State));
            Assert.Equal(Enumerable.Range(0, after.Length), after.Select(e => e.Epoch));
            Assert.Equal(before, after.Take(before.Length));
            Assert.Single(await resumed.GetFromJsonAsync<RunSummaryDto[]>("/api/runs") ?? []);
            await resumed.PostAsync("/api/training/stop");

            // The same options uninterrupted give the same numbers: the checkpoint carries weights, optimizer and shuffle state.
            var epochs = after.Length - 1;
            await resumed.PostJsonAsync("/api/training/start", Rest.TinyRun.Replace("100000", epochs.ToString(), StringComparison.Ordinal));
            await resumed.WaitForStateAsync("completed");
            var uninterrupted = await resumed.HistoryAsync();
            Assert.Equal(after.Select(e => (e.Epoch, e.TestAccuracy, e.TrainLoss)), uninterrupted.Select(e => (e.Epoch, e.TestAccuracy, e.TrainLoss)));
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task FinishedRunsStayBrowsableNewestFirstWithTheirHistoryAndWeightSnapshots()
    {
        using var factory = new WebNetFactory();
        var client = factory.CreateClient();
        await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":2}""");
        await client.WaitForStateAsync("completed");
        await client.PostJsonAsync("/api/training/start", """{"preset":"fast","hidden":[6],"batchSize":100,"epochs":3}""");
        await client.WaitForStateAsync("completed");

        var runs = (await client.GetFromJsonAsync<RunSummaryDto[]>("/api/runs"))!;
        Assert.Equal([("fast", "completed", 3, 3), ("seed", "completed", 2, 2)], runs.Select(r => (r.Preset, r.State, r.Epoch, r.Epochs)));
        Assert.True(runs[0].Id > runs[1].Id);
        Assert.Equal(("relu", "softmax-cross-entropy", "momentum"), (runs[0].Options.Activation, runs[0].Options.Cost, runs[0].Options.Optimizer));
        Assert.Equal(runs[1].BestAccuracy, (await client.HistoryAsync($"/api/runs/{runs[1].Id}/history")).Max(e => e.TestAccuracy));

        var old = await client.HistoryAsync($"/api/runs/{runs[1].Id}/history");
        Assert.Equal([0, 1, 2], old.Select(e => e.Epoch));
        var weights = (await client.GetFromJsonAsync<WeightsDto>($"/api/runs/{runs[1].Id}/epochs/1/weights"))!;
        Assert.Equal([(784, 8), (8, 10)], weights.Layers.Select(l => (l.Inputs, l.Outputs)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{runs[1].Id}/epochs/9/weights")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/runs/999/history")).StatusCode);
    }

    [Fact]
    public async Task ANonFiniteLossMarksTheRunDivergedAndKeepsTheLastGoodWeights()
    {
        using var factory = new WebNetFactory(backends: new TestBackendFactory((call, loss) => call == 3 ? double.NaN : loss));
        var client = factory.CreateClient();
        await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":10}""");
        var state = await client.WaitForStateAsync("diverged");

        Assert.Contains("diverged in epoch 3", state.Message, StringComparison.Ordinal);
        Assert.Equal(2, state.Epoch);
        Assert.Equal([0, 1, 2], (await client.HistoryAsync()).Select(e => e.Epoch));
        var published = factory.Services.GetRequiredService<ModelStore>().Snapshot!;
        Assert.Equal(2, published.Info.Epoch);
        Assert.All(published.Model.Parameters, p => Assert.True(float.IsFinite(p)));
        var checkpoint = factory.Services.GetRequiredService<IRunStore>().LoadCheckpoint(state.RunId!.Value)!;
        Assert.Equal(2, checkpoint.Epoch);
        Assert.Equal(checkpoint.Parameters, published.Model.Parameters);
    }

    [Fact]
    public async Task AFailedEpochIsRetriedFromTheLastCheckpointAndTheRunMatchesOneWithoutTheFault()
    {
        using var factory = new WebNetFactory(backends: new TestBackendFactory((call, loss) => call == 2 ? throw new InvalidOperationException("device lost") : loss));
        var client = factory.CreateClient();
        await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":4}""");
        await client.WaitForStateAsync("completed");
        var recovered = await client.HistoryAsync();
        await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":4}""");
        await client.WaitForStateAsync("completed");
        var clean = await client.HistoryAsync();

        Assert.Equal([0, 1, 2, 3, 4], recovered.Select(e => e.Epoch));
        Assert.Equal(clean.Select(e => (e.TestAccuracy, e.TrainLoss)), recovered.Select(e => (e.TestAccuracy, e.TrainLoss)));
    }

    [Fact]
    public async Task AnEpochThatKeepsFailingEndsTheRunAsFailedAndTheAppKeepsServing()
    {
        using var factory = new WebNetFactory(backends: new TestBackendFactory((call, loss) => call >= 2 ? throw new InvalidOperationException("device lost") : loss));
        var client = factory.CreateClient();
        await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":4}""");
        var state = await client.WaitForStateAsync("failed");

        Assert.Equal("device lost", state.Message);
        Assert.Equal([0, 1], (await client.HistoryAsync()).Select(e => e.Epoch));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var runs = (await client.GetFromJsonAsync<RunSummaryDto[]>("/api/runs"))!;
        Assert.Equal("failed", Assert.Single(runs).State);
    }
}
