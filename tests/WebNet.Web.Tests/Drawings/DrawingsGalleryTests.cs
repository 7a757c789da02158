using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Core.Classification;
using WebNet.Core.Drawings;
using WebNet.Web.Contracts;
using WebNet.Web.Hubs;
using WebNet.Web.Models;
using WebNet.Web.Storage;
using WebNet.Web.Tests.Api;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Drawings;

/// <summary>What the page's gallery reads: the list with the current model's answers, one drawing's input and probabilities, and the hub event on every change.</summary>
public sealed class DrawingsGalleryTests
{
    [Fact]
    public async Task TheListCarriesWhatTheCurrentModelReadsNowAndTheDetailItsInputAndProbabilities()
    {
        using var factory = WithModel(new WebNetFactory(), TestImages.Network(11));
        var client = factory.CreateClient();
        var created = (await (await client.PostAsync("/api/drawings?label=7", Png(TestImages.SevenPng()))).Content.ReadFromJsonAsync<DrawingDto>())!;
        Assert.Null(created.CurrentAnswer); // POST's own answer is the reading

        var row = Assert.Single(factory.Services.GetRequiredService<IDrawingStore>().List());
        var inputs = DrawingArchive.InputsFromBytes(row.Input, [7]);
        var listed = Assert.Single((await client.GetFromJsonAsync<DrawingDto[]>("/api/drawings"))!);
        Assert.Equal((created.Id, 7, created.Answer, "import"), (listed.Id, listed.Label, listed.Answer, listed.CurrentModel));
        Assert.Equal(DigitClassifier.AnswerEach(TestImages.Network(11), inputs)![0], listed.CurrentAnswer);

        // Another model published: the list reads the drawings with it.
        var other = TestImages.Network(5);
        factory.Services.GetRequiredService<ModelStore>().Publish(other, new ModelInfo(ModelInfo.FromTraining, 4, 9, 0.5, null, DateTimeOffset.UtcNow));
        listed = Assert.Single((await client.GetFromJsonAsync<DrawingDto[]>("/api/drawings"))!);
        Assert.Equal((DigitClassifier.AnswerEach(other, inputs)![0], "run 4, epoch 9"), (listed.CurrentAnswer, listed.CurrentModel));

        var detail = (await client.GetFromJsonAsync<DrawingDetailDto>($"/api/drawings/{created.Id}"))!;
        Assert.Equal(listed, detail.Drawing);
        Assert.Equal(inputs.Image(0).ToArray(), detail.Input);
        Assert.Equal(10, detail.Current!.Probabilities.Length);
        Assert.Equal(1.0, detail.Current.Probabilities.Sum(), 6);
        Assert.Equal(listed.CurrentAnswer, detail.Current.Digit);
        Assert.Equal(detail.Current.Probabilities.Max(), detail.Current.Probabilities[detail.Current.Digit]);
        Assert.Equal(new AnsweringModelDto("training", 4, 9, 0.5), detail.Current.Model);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/drawings/{created.Id + 1}")).StatusCode);
    }

    [Fact]
    public async Task WithoutAModelTheListAndTheDetailSayNothingOfACurrentAnswer()
    {
        using var source = WithModel(new WebNetFactory(), TestImages.Network(11));
        var from = source.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await from.PostAsync("/api/drawings?label=7", Png(TestImages.SevenPng()))).StatusCode);
        var zip = await from.GetByteArrayAsync("/api/drawings/export");

        using var empty = new WebNetFactory();
        var client = empty.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/drawings/import", Zip(zip))).StatusCode);
        var json = await client.GetStringAsync("/api/drawings");
        Assert.DoesNotContain("currentAnswer", json, StringComparison.Ordinal);
        var listed = Assert.Single((await client.GetFromJsonAsync<DrawingDto[]>("/api/drawings"))!);
        Assert.Null((await client.GetFromJsonAsync<DrawingDetailDto>($"/api/drawings/{listed.Id}"))!.Current);
    }

    [Fact]
    public async Task EveryDashboardHearsWhenADrawingIsLabelledDeletedOrImportedAndNotWhenADeleteIsRefused()
    {
        using var factory = WithModel(new WebNetFactory(adminKey: "sesame"), TestImages.Network(11));
        var client = factory.CreateClient();
        await using var json = factory.CreateHubConnection();
        await using var binary = factory.CreateHubConnection(messagePack: true);
        var heard = Channel.CreateUnbounded<DrawingsChangedDto>();
        var heardBinary = Channel.CreateUnbounded<DrawingsChangedDto>();
        json.On<DrawingsChangedDto>(nameof(ITrainingClient.DrawingsChanged), c => heard.Writer.TryWrite(c));
        binary.On<DrawingsChangedDto>(nameof(ITrainingClient.DrawingsChanged), c => heardBinary.Writer.TryWrite(c));
        await json.StartAsync();
        await binary.StartAsync();

        var created = (await (await client.PostAsync("/api/drawings?label=7", Png(TestImages.SevenPng()))).Content.ReadFromJsonAsync<DrawingDto>())!;
        Assert.Equal(new DrawingsChangedDto("labelled", created.Id, 1, 1), await NextAsync(heard));
        Assert.Equal(new DrawingsChangedDto("labelled", created.Id, 1, 1), await NextAsync(heardBinary));

        // Refused without the key: nothing changed, nothing is told; with it, the deletion is.
        using var anonymous = Delete(created.Id, key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(anonymous)).StatusCode);
        using var keyed = Delete(created.Id, key: "sesame");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(keyed)).StatusCode);
        Assert.Equal(new DrawingsChangedDto("deleted", created.Id, 1, 0), await NextAsync(heard));

        using var source = WithModel(new WebNetFactory(), TestImages.Network(11));
        var from = source.CreateClient();
        foreach (var shift in new[] { 0, 9 })
        {
            Assert.Equal(HttpStatusCode.Created, (await from.PostAsync("/api/drawings?label=1", Png(TestImages.SevenPng(shift: shift)))).StatusCode);
        }

        using var import = new HttpRequestMessage(HttpMethod.Post, "/api/drawings/import") { Content = Zip(await from.GetByteArrayAsync("/api/drawings/export")) };
        import.Headers.Add("X-Admin-Key", "sesame");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(import)).StatusCode);
        Assert.Equal(new DrawingsChangedDto("imported", null, 2, 2), await NextAsync(heard));
        Assert.Equal(new DrawingsChangedDto("deleted", created.Id, 1, 0), await NextAsync(heardBinary));
        Assert.Equal(new DrawingsChangedDto("imported", null, 2, 2), await NextAsync(heardBinary));
    }

    private static async Task<DrawingsChangedDto> NextAsync(Channel<DrawingsChangedDto> heard) =>
        await heard.Reader.ReadAsync().AsTask().WithTimeout("a DrawingsChanged event");

    private static WebNetFactory WithModel(WebNetFactory factory, WebNet.Core.Network.Mlp network)
    {
        factory.Services.GetRequiredService<ModelStore>().Publish(network, new ModelInfo(ModelInfo.FromImport, null, null, null, null, DateTimeOffset.UtcNow));
        return factory;
    }

    private static HttpRequestMessage Delete(long id, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/drawings/{id}") { Content = new StringContent("", Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("X-Admin-Key", key);
        }

        return request;
    }

    private static ByteArrayContent Png(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static ByteArrayContent Zip(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return content;
    }
}
