using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WebNet.Tests.Servers;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Api;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Storage;

/// <summary>The app with WebNet:Storage:Provider=postgres: training, history over REST, a restart, and PostgreSQL stopping under it.</summary>
public sealed class PostgresAppTests(PostgresFixture own) : IClassFixture<PostgresFixture>
{
    private const string ShortRun = """{"hidden":[8],"batchSize":50,"learningRate":0.5,"epochs":3}""";

    [Fact]
    public async Task ARunTrainedOnPostgresKeepsItsHistoryAndTheLaterImportWhenTheAppRestartsWithAnotherDataFolder()
    {
        var database = own.Server.CreateDatabase();
        long runId;
        EpochDto[] history;
        using (var first = OnPostgres(database))
        {
            var client = first.CreateClient();
            var started = await client.PostJsonAsync("/api/training/start", ShortRun);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            runId = (await started.Content.ReadFromJsonAsync<RunStateDto>())!.RunId!.Value;
            await client.WaitForStateAsync("completed");
            history = await client.HistoryAsync();
            Assert.Equal([0, 1, 2, 3], history.Select(e => e.Epoch));

            using var ready = await Json(await client.GetAsync("/health/ready"));
            var postgres = ready.RootElement.GetProperty("checks").GetProperty("postgres");
            Assert.Equal("Healthy", postgres.GetProperty("status").GetString());
            Assert.Contains($"schema version {WebNet.Web.Storage.Postgres.PostgresSchema.Version}", postgres.GetProperty("description").GetString(), StringComparison.Ordinal);

            // Nothing went to SQLite: the data folder has no database.
            Assert.False(File.Exists(Path.Combine(first.DataPath, "webnet.db")));

            // A model imported after the run answers after the restart too (training has not moved on since).
            var import = new ByteArrayContent(WebNet.Core.Serialization.ModelJson.Serialize(new WebNet.Core.Serialization.ModelDocument(TestImages.Network(), WebNet.Core.Serialization.ModelInput.Mnist)));
            import.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/model", import)).StatusCode);
        }

        using var second = OnPostgres(database);
        var restarted = second.CreateClient();
        var state = await restarted.StateAsync();
        Assert.Equal((runId, "completed"), (state.RunId, state.State));
        var again = await restarted.HistoryAsync($"/api/runs/{runId}/history");
        Assert.Equal(history.Select(e => (e.Epoch, e.TestAccuracy, e.TrainLoss)), again.Select(e => (e.Epoch, e.TestAccuracy, e.TrainLoss)));
        Assert.Equal(HttpStatusCode.OK, (await restarted.PostAsync("/api/classify", Png(TestImages.SevenPng()))).StatusCode);
        var model = await restarted.GetAsync("/api/model");
        Assert.Equal("webnet-imported.json", model.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task WhilePostgresIsStoppedTheAppAnswers503KeepsClassifyingAndRecoversWhenItIsBack()
    {
        using var factory = OnPostgres(own.Server.CreateDatabase());
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/training/start", Rest.TinyRun)).StatusCode);
        await client.WaitForEpochsAsync(2);

        own.Server.Stop();
        try
        {
            // The running run cannot store its next epoch: it pauses and says why.
            var paused = await client.WaitForStateAsync("paused");
            Assert.Contains("does not answer", paused.Message, StringComparison.Ordinal);

            using (var ready = await Json(await client.GetAsync("/health/ready"), HttpStatusCode.ServiceUnavailable))
            {
                Assert.Equal("Unhealthy", ready.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
            }

            // Storage-backed reads and the control calls that must store a state.
            foreach (var call in new Func<Task<HttpResponseMessage>>[]
            {
                () => client.GetAsync("/api/runs"), () => client.GetAsync("/api/training/history"),
                () => client.PostAsync("/api/training/resume"), () => client.PostAsync("/api/training/stop"),
            })
            {
                var response = await call();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                using var problem = await Json(response, HttpStatusCode.ServiceUnavailable);
                Assert.Equal("The run database cannot be used", problem.RootElement.GetProperty("title").GetString());
                Assert.Contains($"postgres://127.0.0.1:{own.Server.Port}/", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            // Classify answers with the model the app has.
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/classify", Png(TestImages.SevenPng()))).StatusCode);
        }
        finally
        {
            own.Server.StartAgain();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/training/resume")).StatusCode);
        await client.WaitForStateAsync("running");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/training/stop")).StatusCode);
    }

    [Fact]
    public async Task AnAppStartedWhilePostgresIsDownShowsTheLatestRunOnceTheServerIsUp()
    {
        var database = own.Server.CreateDatabase();
        long runId;
        using (var stores = PostgresStoreTests.OpenPostgres(database))
        {
            runId = stores.Runs.CreateRun(StoredEpochs.Options, "cpu", "test");
            StoredEpochs.Save(stores.Runs, runId, last: 2);
            stores.Runs.SetState(runId, WebNet.Web.Training.RunState.Paused, "paused before the outage");
        }

        own.Server.Stop();
        using var factory = OnPostgres(database);
        HttpClient client;
        try
        {
            client = factory.CreateClient();
            var waiting = await Eventually.WaitAsync(client.StateAsync, s => s.Message is not null, "the start-up restore to say why it waits");
            Assert.Equal(("idle", null), (waiting.State, waiting.RunId));
            Assert.Contains("does not answer", waiting.Message, StringComparison.Ordinal);
            using var ready = await Json(await client.GetAsync("/health/ready"), HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Unhealthy", ready.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        }
        finally
        {
            own.Server.StartAgain();
        }

        // TrainingService tries again by itself: the paused run and its history come back without a restart.
        var restored = await Eventually.WaitAsync(client.StateAsync, s => s.RunId == runId, "the latest run restored");
        Assert.Equal(("paused", 2), (restored.State, restored.Epoch));
        Assert.Equal(3, (await client.HistoryAsync()).Length);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public void PostgresWithoutAConnectionStringStopsTheAppAtStartUpSayingWhatToSet()
    {
        using var factory = new WebNetFactory();
        factory.Settings["WebNet:Storage:Provider"] = "postgres";
        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("ConnectionStrings:WebNet is not set", failure.Message, StringComparison.Ordinal);
    }

    private static WebNetFactory OnPostgres(string connectionString)
    {
        var factory = new WebNetFactory();
        factory.Settings["WebNet:Storage:Provider"] = "postgres";
        factory.Settings["ConnectionStrings:WebNet"] = connectionString;
        return factory;
    }

    private static ByteArrayContent Png(byte[] png)
    {
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static async Task<JsonDocument> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
