using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Core.Serialization;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Api;

public sealed class ModelEndpointsTests : IDisposable
{
    private readonly WebNetFactory _factory = new();
    private readonly HttpClient _client;

    public ModelEndpointsTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task DownloadingBeforeAnyModelExistsIsUnavailable()
    {
        var response = await _client.GetAsync("/api/model");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task AnImportedModelIsServedAndDownloadsAsTheSameFile()
    {
        var network = TestImages.Network(seed: 21);
        var document = new ModelDocument(network, ModelInput.Mnist, new ModelTrainingInfo("seed", 17, 0.5, new JsonObject { ["learningRate"] = 0.01 }));
        var put = await PutAsync(ModelJson.Serialize(document));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var summary = await put.Content.ReadFromJsonAsync<ModelSummaryDto>();
        Assert.Equal(new ModelSummaryDto("import", "webnet-mlp", "784-16-10 sigmoid,sigmoid cross-entropy", network.Shape.ParameterCount, 17, 0.5), summary);

        Assert.Equal(network.Parameters, _factory.Services.GetRequiredService<ModelStore>().Current!.Parameters);
        var download = await _client.GetAsync("/api/model");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("webnet-imported.json", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        var read = ModelJson.Read(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(network.Parameters, read.Network.Parameters);
        Assert.Equal(17, read.Training!.Epochs);
    }

    [Fact]
    public async Task AMachineAcademyNetworkCanBeImported()
    {
        var network = TestImages.Network(seed: 4);
        var layers = Enumerable.Range(0, 2).Select(l => new JsonObject
        {
            ["activationFunction"] = "SigmoidActivation",
            ["weightMx"] = new JsonArray([.. Enumerable.Range(0, network.Shape.Layers[l].Outputs).Select(j => (JsonNode)new JsonArray([.. network.NeuronWeights(l, j).ToArray().Select(w => (JsonNode)w)]))]),
            ["biases"] = new JsonArray([.. network.Biases(l).ToArray().Select(b => (JsonNode)b)]),
        });
        var json = new JsonObject { ["name"] = null, ["description"] = null, ["layers"] = new JsonArray([.. layers]) };

        var put = await PutAsync(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("machine.academy", (await put.Content.ReadFromJsonAsync<ModelSummaryDto>())!.Format);
        Assert.Equal(network.Parameters, _factory.Services.GetRequiredService<ModelStore>().Current!.Parameters);
    }

    [Fact]
    public async Task ARejectedFileNamesItsFaultAndKeepsTheOldModel()
    {
        var old = TestImages.Network(seed: 1);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(ModelJson.Serialize(new ModelDocument(old, ModelInput.Mnist)))).StatusCode);

        var json = JsonNode.Parse(ModelJson.Serialize(new ModelDocument(TestImages.Network(seed: 2), ModelInput.Mnist)))!;
        json["layers"]![1]!["weights"]![3]!.AsArray().RemoveAt(0);
        var ragged = await PutAsync(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, ragged.StatusCode);
        var problem = await ragged.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal("layers[1].weights[3] has 15 numbers, expected 16.", Assert.Single(problem!.Errors["layers[1].weights[3]"]));
        Assert.Equal(old.Parameters, _factory.Services.GetRequiredService<ModelStore>().Current!.Parameters);

        foreach (var bad in new[] { "", "not json", """{"format":"webnet-mlp","version":9}""" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(Encoding.UTF8.GetBytes(bad))).StatusCode);
        }

        Assert.Equal(old.Parameters, _factory.Services.GetRequiredService<ModelStore>().Current!.Parameters);
    }

    [Fact]
    public async Task ANetworkThatCannotReadDigitsIsRejected()
    {
        var small = new WebNet.Core.Network.Mlp(WebNet.Core.Network.NetworkShape.Create([4, 10], WebNet.Core.Network.Activation.Sigmoid, WebNet.Core.Network.Cost.CrossEntropy), new float[50]);
        var response = await PutAsync(ModelJson.Serialize(new ModelDocument(small, new ModelInput(2, 2, WebNet.Core.Imaging.PreprocessMode.None))));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("layers", (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Null(_factory.Services.GetRequiredService<ModelStore>().Current);
    }

    [Fact]
    public async Task ImportingNeedsTheAdminKeyWhenOneIsSet()
    {
        using var factory = new WebNetFactory(adminKey: "k3y");
        var client = factory.CreateClient();
        var body = ModelJson.Serialize(new ModelDocument(TestImages.Network(), ModelInput.Mnist));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PutAsync("/api/model", Json(body))).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/model") { Content = Json(body) };
        request.Headers.Add("X-Admin-Key", "k3y");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task ATrainedModelDownloadsWithItsRunAndIsRefusedAnImportWhileTrainingRuns()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostJsonAsync("/api/training/start", Rest.TinyRun)).StatusCode);
        await _client.WaitForEpochsAsync(2);

        var conflict = await PutAsync(ModelJson.Serialize(new ModelDocument(TestImages.Network(), ModelInput.Mnist)));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        await _client.PostAsync("/api/training/stop");
        var download = await _client.GetAsync("/api/model");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Matches(@"^webnet-seed-epoch-\d+\.json$", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        var read = ModelJson.Read(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("784-8-10 sigmoid,sigmoid cross-entropy", read.Network.Shape.ToString());
        Assert.True(read.Training!.Epochs >= 1);
        Assert.Equal(50, (int)read.Training.Hyperparameters["batchSize"]!);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/classify", Json(JsonSerializer.SerializeToUtf8Bytes(new { pixels = Enumerable.Repeat(0.5, 784), width = 28, height = 28 })))).StatusCode);
    }

    private Task<HttpResponseMessage> PutAsync(byte[] body) => _client.PutAsync("/api/model", Json(body));

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }
}
