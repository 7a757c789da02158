using System.Net;
using System.Net.Http.Headers;
using WebNet.Core.Serialization;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Api;

/// <summary>An imported model is kept in the run database: a restart answers with it until training moves on.</summary>
public sealed class ModelImportRestartTests
{
    private const string ShortRun = """{"hidden":[8],"batchSize":50,"epochs":2}""";

    [Fact]
    public async Task AnImportAnswersAgainAfterARestartUntilANewRunTrains()
    {
        var dataPath = WebNetFactory.NewDataPath();
        try
        {
            using (var first = new WebNetFactory(dataPath))
            {
                var client = first.CreateClient();
                await client.PostJsonAsync("/api/training/start", ShortRun);
                await client.WaitForStateAsync("completed");
                Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/model", Import())).StatusCode);
            }

            using (var second = new WebNetFactory(dataPath))
            {
                var client = second.CreateClient();
                Assert.Equal("webnet-imported.json", await DownloadNameAsync(client));

                // A new run publishes its own model and moves training on: the import is history.
                await client.PostJsonAsync("/api/training/start", ShortRun);
                await client.WaitForStateAsync("completed");
            }

            using var third = new WebNetFactory(dataPath);
            Assert.Equal("webnet-seed-epoch-2.json", await DownloadNameAsync(third.CreateClient()));
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static ByteArrayContent Import()
    {
        var content = new ByteArrayContent(ModelJson.Serialize(new ModelDocument(TestImages.Network(), ModelInput.Mnist)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<string?> DownloadNameAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/model");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Content.Headers.ContentDisposition?.FileName;
    }
}
