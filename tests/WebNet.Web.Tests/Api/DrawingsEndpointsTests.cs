using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Core.Data;
using WebNet.Core.Drawings;
using WebNet.Core.Imaging;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Storage;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Api;

/// <summary>/api/drawings: labelling, listing, deleting, export and import of the drawings people label.</summary>
public sealed class DrawingsEndpointsTests
{
    [Fact]
    public async Task LabellingKeepsExactlyWhatWasSentWithWhatTheModelReadAndARestartKeepsIt()
    {
        var data = WebNetFactory.NewDataPath();
        try
        {
            var png = TestImages.SevenPng();
            DrawingDto stored;
            ClassifyResponse classified;
            using (var factory = WithModel(new WebNetFactory(data)))
            {
                var client = factory.CreateClient();
                var response = await client.PostAsync("/api/drawings?label=7", Png(png));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                stored = (await response.Content.ReadFromJsonAsync<DrawingDto>())!;
                classified = (await (await client.PostAsync("/api/classify", Png(png))).Content.ReadFromJsonAsync<ClassifyResponse>())!;
                Assert.Equal($"/api/drawings/{stored.Id}", response.Headers.Location!.OriginalString);
                Assert.Equal(7, stored.Label);
                Assert.Equal(classified.Digit, stored.Answer);
                Assert.Equal("import", stored.Model);

                // The input the network saw is kept beside the drawing.
                var row = Assert.Single(factory.Services.GetRequiredService<IDrawingStore>().List());
                Assert.Equal(classified.Input.Select(v => (byte)MathF.Round(v * 255f)), row.Input);
            }

            using (var restarted = new WebNetFactory(data))
            {
                var client = restarted.CreateClient();
                var listed = Assert.Single((await client.GetFromJsonAsync<DrawingDto[]>("/api/drawings"))!);
                Assert.Equal(stored, listed);
                Assert.Equal(png, await client.GetByteArrayAsync(listed.Image));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("", "label=N is required")]
    [InlineData("?label=12", "'12' is not a digit")]
    [InlineData("?label=-1", "'-1' is not a digit")]
    [InlineData("?label=seven", "'seven' is not a digit")]
    public async Task ALabelThatIsNotADigitIsA400AndNothingIsStored(string query, string expected)
    {
        using var factory = WithModel(new WebNetFactory());
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/drawings" + query, Png(TestImages.SevenPng()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.Contains(expected, problem.Errors["label"][0], StringComparison.Ordinal);
        Assert.Equal(0, factory.Services.GetRequiredService<IDrawingStore>().Count());
    }

    [Fact]
    public async Task ABlankDrawingAnOversizedBodyAndAFullStoreAreRefusedAndNothingElseIsLost()
    {
        using var factory = WithModel(new WebNetFactory());
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/drawings?label=7", Png(TestImages.SevenPng()))).StatusCode);

        var blank = await client.PostAsync("/api/drawings?label=3", Png(TestImages.Blank(i => s => i.Save(s, new SixLabors.ImageSharp.Formats.Png.PngEncoder()))));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);
        var huge = await client.PostAsync("/api/drawings?label=3", Png(new byte[WebNet.Web.Api.DrawingReader.MaxBodyBytes + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var store = factory.Services.GetRequiredService<IDrawingStore>();
        Assert.Equal(1, store.Count());

        // A store at its cap answers 422 and keeps what it has.
        var small = new WebNet.Web.Storage.Sqlite.SqliteDrawingStore(factory.Services.GetRequiredService<WebNet.Web.Storage.Sqlite.SqliteRunStore>()) { Capacity = 1 };
        Assert.Null(small.Add([(new LabelledDrawing(1, TestImages.SevenPng()), new byte[784], null, null)], DateTimeOffset.UtcNow));
        Assert.Equal(1, store.Count());
    }

    [Fact]
    public async Task DeleteNeedsTheKeyWhenOneIsSet()
    {
        using var factory = WithModel(new WebNetFactory(adminKey: "sesame"));
        var client = factory.CreateClient();
        var created = (await (await client.PostAsync("/api/drawings?label=7", Png(TestImages.SevenPng()))).Content.ReadFromJsonAsync<DrawingDto>())!;

        using var anonymous = Delete(created.Id, key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(anonymous)).StatusCode);
        using var wrong = Delete(created.Id, key: "wrong");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(wrong)).StatusCode);
        Assert.Single((await client.GetFromJsonAsync<DrawingDto[]>("/api/drawings"))!);

        using var right = Delete(created.Id, key: "sesame");
        var deleted = await client.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(new DrawingDeletedDto(created.Id, 0), await deleted.Content.ReadFromJsonAsync<DrawingDeletedDto>());
        Assert.Empty((await client.GetFromJsonAsync<DrawingDto[]>("/api/drawings"))!);
        using var again = Delete(created.Id, key: "sesame");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task ExportThenImportGivesTheSameSetBitForBitAndIdxReadsBack()
    {
        using var source = WithModel(new WebNetFactory());
        var client = source.CreateClient();
        var pngs = new[] { TestImages.SevenPng(), TestImages.SevenPng(transparent: false) };
        foreach (var (png, label) in pngs.Zip([7, 1]))
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/drawings?label={label}", Png(png))).StatusCode);
        }

        var zip = await client.GetByteArrayAsync("/api/drawings/export?format=zip");
        using var target = new WebNetFactory();
        var other = target.CreateClient();
        var imported = await other.PostAsync("/api/drawings/import", Zip(zip));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal(new DrawingImportDto(2, 2), await imported.Content.ReadFromJsonAsync<DrawingImportDto>());
        Assert.Equal(zip, await other.GetByteArrayAsync("/api/drawings/export"));

        var idx = await client.GetByteArrayAsync("/api/drawings/export?format=idx");
        var inputs = DrawingArchive.ReadDataset(idx, PreprocessMode.Stroke);
        Assert.Equal(new byte[] { 7, 1 }, inputs.Labels);
        var rows = source.Services.GetRequiredService<IDrawingStore>().List();
        Assert.Equal(rows[0].Input, inputs.Image(0).ToArray().Select(v => (byte)MathF.Round(v * 255f)));

        var badFormat = await client.GetAsync("/api/drawings/export?format=tar");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
    }

    [Fact]
    public async Task ACorruptOrClimbingZipIsA400AndNothingIsStored()
    {
        using var factory = new WebNetFactory();
        var client = factory.CreateClient();
        var corrupt = await client.PostAsync("/api/drawings/import", Zip(Encoding.UTF8.GetBytes("not a zip")));
        Assert.Equal(HttpStatusCode.BadRequest, corrupt.StatusCode);
        Assert.Contains("zip", (await corrupt.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);

        using var climbing = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(climbing, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var labels = archive.CreateEntry("labels.csv").Open())
            {
                labels.Write("file,label\n../up.png,3\n"u8);
            }

            await using var up = archive.CreateEntry("../up.png").Open();
            up.Write(TestImages.SevenPng());
        }

        var refused = await client.PostAsync("/api/drawings/import", Zip(climbing.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("no '..'", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);

        var notZip = new ByteArrayContent([1, 2, 3]);
        notZip.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync("/api/drawings/import", notZip)).StatusCode);
        Assert.Equal(0, factory.Services.GetRequiredService<IDrawingStore>().Count());
    }

    [Fact]
    public async Task AnotherSitesPageCannotLabelOrImport()
    {
        using var factory = WithModel(new WebNetFactory());
        var client = factory.CreateClient();
        using var label = new HttpRequestMessage(HttpMethod.Post, "/api/drawings?label=7") { Content = Png(TestImages.SevenPng()) };
        label.Headers.Add("Origin", "https://elsewhere.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(label)).StatusCode);
        using var import = new HttpRequestMessage(HttpMethod.Post, "/api/drawings/import") { Content = Zip([1]) };
        import.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(import)).StatusCode);
        Assert.Equal(0, factory.Services.GetRequiredService<IDrawingStore>().Count());
    }

    [Fact]
    public async Task EveryEpochIsScoredOnTheLabelledDrawingsAsTheExportedInputsScoreTheEpochsModel()
    {
        using var factory = WithModel(new WebNetFactory());
        var client = factory.CreateClient();
        foreach (var (png, label) in new[] { (TestImages.SevenPng(), 7), (TestImages.SevenPng(transparent: false), 1), (TestImages.SevenPng(), 3) })
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/drawings?label={label}", Png(png))).StatusCode);
        }

        await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":2}""");
        await client.WaitForStateAsync("completed");
        var history = await client.HistoryAsync();
        Assert.Equal(3, history.Length);
        Assert.All(history, e => Assert.NotNull(e.DrawingsAccuracy));
        Assert.All(history, e => Assert.Contains(e.DrawingsAccuracy!.Value, new[] { 0.0, 1 / 3.0, 2 / 3.0, 1.0 }));

        // The last epoch's model (the one now answering) on the exported inputs gives the stored figure exactly.
        var model = factory.Services.GetRequiredService<ModelStore>().Snapshot!.Model;
        var inputs = DrawingArchive.ReadDataset(await client.GetByteArrayAsync("/api/drawings/export?format=idx"), PreprocessMode.Stroke);
        var outputs = new float[10];
        var correct = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            model.Predict(inputs.Image(i), outputs);
            correct += Core.Classification.DigitClassifier.Argmax(outputs) == inputs.Labels[i] ? 1 : 0;
        }

        Assert.Equal(correct / 3.0, history[^1].DrawingsAccuracy);

        // Without drawings there is no figure.
        using var empty = new WebNetFactory();
        var other = empty.CreateClient();
        await other.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":1}""");
        await other.WaitForStateAsync("completed");
        Assert.All(await other.HistoryAsync(), e => Assert.Null(e.DrawingsAccuracy));
    }

    [Fact]
    public async Task ASchemaTwoDatabaseGainsTheDrawingsColumnAndKeepsItsEpochs()
    {
        var data = WebNetFactory.NewDataPath();
        try
        {
            using (var first = new WebNetFactory(data))
            {
                var client = first.CreateClient();
                await client.PostJsonAsync("/api/training/start", """{"hidden":[8],"batchSize":50,"epochs":1}""");
                await client.WaitForStateAsync("completed");
            }

            // As version 2 left it: no drawings_accuracy column, no drawings table.
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "webnet.db")};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "ALTER TABLE epochs DROP COLUMN drawings_accuracy; DROP TABLE drawings; PRAGMA user_version = 2;";
                command.ExecuteNonQuery();
            }

            using var migrated = WithModel(new WebNetFactory(data));
            var again = migrated.CreateClient();
            var runs = (await again.GetFromJsonAsync<RunSummaryDto[]>("/api/runs"))!;
            var history = (await again.GetFromJsonAsync<EpochDto[]>($"/api/runs/{runs[0].Id}/history"))!;
            Assert.Equal(2, history.Length);
            Assert.All(history, e => Assert.Null(e.DrawingsAccuracy));
            Assert.Equal(HttpStatusCode.Created, (await again.PostAsync("/api/drawings?label=7", Png(TestImages.SevenPng()))).StatusCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static WebNetFactory WithModel(WebNetFactory factory)
    {
        factory.Services.GetRequiredService<ModelStore>().Publish(TestImages.Network(), new ModelInfo(ModelInfo.FromImport, null, null, null, null, DateTimeOffset.UtcNow));
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
