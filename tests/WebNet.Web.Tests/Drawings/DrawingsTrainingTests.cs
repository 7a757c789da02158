using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebNet.Core.Classification;
using WebNet.Core.Drawings;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Storage;
using WebNet.Web.Tests.Api;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Drawings;

/// <summary>
/// A run that trains on the labelled drawings: the start body's drawings { copies, heldOut } (the CLI's --drawings-copies
/// and --drawings-held-out), checked once, and the drawings curve scored on the held-out part only.
/// </summary>
public sealed class DrawingsTrainingTests
{
    [Fact]
    public async Task BadDrawingsFieldsAreEachNamedAndNoRunStarts()
    {
        using var factory = new WebNetFactory();
        var client = factory.CreateClient();

        var errors = await BadRequestAsync(client, """{"drawings":{"copies":-1,"heldOut":2,"weight":1}}""");
        Assert.Equal(["drawings.copies", "drawings.heldOut", "drawings.weight"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("from 0 (the drawings are not trained on) to 1000", errors["drawings.copies"][0], StringComparison.Ordinal);
        Assert.Contains("drawings' fields are copies, heldOut", errors["drawings.weight"][0], StringComparison.Ordinal);
        var mistyped = await BadRequestAsync(client, """{"drawings":{"copies":2.5,"heldOut":"half"}}""");
        Assert.Equal(["drawings.copies", "drawings.heldOut"], mistyped.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("drawings", (await BadRequestAsync(client, """{"drawings":3}""")).Keys);

        // Well-formed, but there is nothing to train on yet.
        var none = await BadRequestAsync(client, """{"hidden":[8],"drawings":{"copies":5}}""");
        Assert.Contains("no labelled drawings to train on yet", Assert.Single(none["drawings.copies"]), StringComparison.Ordinal);
        Assert.Equal("idle", (await client.StateAsync()).State);
    }

    [Fact]
    public async Task ASplitWithNothingToTrainOnOrNothingToScoreIsRefusedNamingTheFieldToChange()
    {
        using var factory = WithModel(new WebNetFactory());
        var client = factory.CreateClient();
        var png = TestImages.SevenPng();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/drawings?label=7", Png(png))).StatusCode);
        var point = LabelledDrawing.SplitPoint(png);

        var allHeldOut = await BadRequestAsync(client, """{"hidden":[8],"drawings":{"copies":5,"heldOut":1}}""");
        Assert.Contains("All 1 labelled drawings fall in the held-out part", Assert.Single(allHeldOut["drawings.copies"]), StringComparison.Ordinal);
        var share = (point / 2).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var noneHeldOut = await BadRequestAsync(client, "{\"hidden\":[8],\"drawings\":{\"copies\":5,\"heldOut\":" + share + "}}");
        Assert.Contains("None of the 1 labelled drawings falls in the held-out part", Assert.Single(noneHeldOut["drawings.heldOut"]), StringComparison.Ordinal);

        // The hub's Start goes through the same check.
        await using var hub = factory.CreateHubConnection();
        await hub.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<RunStateDto>("Start", new StartRequest { Hidden = [8], Drawings = new DrawingsRequest { Copies = 5, HeldOut = 1 } }));
        Assert.Contains("Invalid request: drawings.copies: All 1 labelled drawings", refused.Message, StringComparison.Ordinal);
        Assert.Equal("idle", (await client.StateAsync()).State);
    }

    [Fact]
    public async Task AMixedRunIsAcceptedTrainsOnTheRestAndScoresItsCurveOnTheHeldOutDrawingsOnly()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = new WebNetFactory();
        using var app = WithModel(factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs))));
        var client = app.CreateClient();
        var network = app.Services.GetRequiredService<ModelStore>().Snapshot!.Model;

        // Two drawings on the held-out side of 0.5, three on the other: labelled as the published network reads the held-out
        // ones (from the input as the store keeps it, in bytes) and otherwise for the rest, so "held out only" (2 of 2) and
        // "all" (2 of 5) tell apart.
        var candidates = Enumerable.Range(0, 40).Select(k => TestImages.SevenPng(shift: k)).ToList();
        var heldOut = candidates.Where(p => LabelledDrawing.SplitPoint(p) < 0.5).Take(2).ToList();
        var training = candidates.Where(p => LabelledDrawing.SplitPoint(p) >= 0.5).Take(3).ToList();
        var heldOutIds = new HashSet<long>();
        foreach (var (png, held) in heldOut.Select(p => (p, true)).Concat(training.Select(p => (p, false))))
        {
            var input = (await (await client.PostAsync("/api/classify", Png(png))).Content.ReadFromJsonAsync<ClassifyResponse>())!.Input;
            var read = DigitClassifier.AnswerEach(network, DrawingArchive.InputsFromBytes([.. input.Select(v => (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f))], [0]))![0];
            var stored = (await (await client.PostAsync($"/api/drawings?label={(held ? read : (read + 1) % 10)}", Png(png))).Content.ReadFromJsonAsync<DrawingDto>())!;
            if (held)
            {
                heldOutIds.Add(stored.Id);
            }
        }

        var store = app.Services.GetRequiredService<IDrawingStore>();
        var mixed = new DrawingsTraining { Copies = 3 };
        Assert.Equal(1.0, store.Score(network, mixed));
        Assert.Equal(0.4, store.Score(network, DrawingsTraining.None));

        var start = await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":2,"drawings":{"copies":3}}""");
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal(new DrawingsTrainingDto(3, 0.5), (await start.Content.ReadFromJsonAsync<RunStateDto>())!.Options!.Drawings);
        await client.WaitForStateAsync("completed");
        Assert.Contains(logs.Messages, m => m.Text.Contains("trains on 3 labelled drawings, each 3 times; its drawings curve scores the 2 held out", StringComparison.Ordinal));

        // Every epoch's figure is the epoch's model on the two held-out drawings' stored inputs, never on all five.
        var history = await client.HistoryAsync();
        Assert.All(history, e => Assert.Contains(e.DrawingsAccuracy!.Value, new[] { 0.0, 0.5, 1.0 }));
        var model = app.Services.GetRequiredService<ModelStore>().Snapshot!.Model;
        var rows = store.List().Where(r => heldOutIds.Contains(r.Id)).ToList();
        var inputs = DrawingArchive.InputsFromBytes([.. rows.SelectMany(r => r.Input)], [.. rows.Select(r => (byte)r.Label)]);
        var answers = DigitClassifier.AnswerEach(model, inputs)!;
        Assert.Equal(answers.Zip(inputs.Labels).Count(p => p.First == p.Second) / 2.0, history[^1].DrawingsAccuracy);

        var runs = (await client.GetFromJsonAsync<RunSummaryDto[]>("/api/runs"))!;
        Assert.Equal(new DrawingsTrainingDto(3, 0.5), runs[0].Options.Drawings);
        Assert.Equal(new DrawingsTrainingDto(0, 0.5), (await client.GetFromJsonAsync<Dictionary<string, TrainingOptionsDto>>("/api/presets"))!["seed"].Drawings);
    }

    [Fact]
    public async Task ManyCopiesOverTheMemoryBudgetAre422NamingDrawingsCopies()
    {
        using var factory = new WebNetFactory();
        factory.Settings["WebNet:Budget:MaxTrainingBytes"] = (64L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var client = WithModel(factory).CreateClient();
        var candidates = Enumerable.Range(0, 40).Select(k => TestImages.SevenPng(shift: k)).ToList();
        foreach (var png in new[] { candidates.First(p => LabelledDrawing.SplitPoint(p) >= 0.5), candidates.First(p => LabelledDrawing.SplitPoint(p) < 0.5) })
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/drawings?label=7", Png(png))).StatusCode);
        }

        // 60,000 + 1,000 images of 784 floats: about 191 MiB for the mixed set, over a 64 MiB budget; without the copies it fits.
        var response = await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"drawings":{"copies":1000}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Contains("drawings.copies", problem.Errors.Keys);
        Assert.Contains("for the training set with the drawings mixed in", problem.Errors["drawings.copies"][0], StringComparison.Ordinal);
        Assert.Equal("idle", (await client.StateAsync()).State);
    }

    private static async Task<IDictionary<string, string[]>> BadRequestAsync(HttpClient client, string body)
    {
        var response = await client.PostJsonAsync("/api/training/start", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors;
    }

    private static T WithModel<T>(T factory)
        where T : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        factory.Services.GetRequiredService<ModelStore>().Publish(TestImages.Network(), new ModelInfo(ModelInfo.FromImport, null, null, null, null, DateTimeOffset.UtcNow));
        return factory;
    }

    private static ByteArrayContent Png(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }
}
