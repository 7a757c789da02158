using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task AutoStartOnAnEmptyDataFolderTrainsTheSeedPreset()
    {
        using var factory = new WebNetFactory(autoStart: true);
        var client = factory.CreateClient();
        var state = await client.WaitForStateAsync("running");
        Assert.Equal(("seed", 230), (state.Options!.Preset, state.Epochs));
        await client.WaitForEpochsAsync(2);
        Assert.NotNull(factory.Services.GetRequiredService<ModelStore>().Current);
        await client.PostAsync("/api/training/stop");
    }

    [Fact]
    public async Task WithoutAutoStartAnInterruptedRunWaitsPausedWithItsModelPublishedUntilResumed()
    {
        var dataPath = WebNetFactory.NewDataPath();
        try
        {
            EpochDto[] before;
            using (var first = new WebNetFactory(dataPath))
            {
                var client = first.CreateClient();
                await client.PostJsonAsync("/api/training/start", Rest.TinyRun);
                before = await client.WaitForEpochsAsync(3);
            }

            using var second = new WebNetFactory(dataPath, autoStart: false);
            var resumed = second.CreateClient();
            var state = await resumed.StateAsync();
            Assert.Equal("paused", state.State);
            Assert.Contains("resume", state.Message, StringComparison.Ordinal);
            var kept = await resumed.HistoryAsync();
            Assert.Equal(before, kept.Take(before.Length));
            var published = second.Services.GetRequiredService<ModelStore>().Snapshot!;
            Assert.Equal((state.RunId, kept[^1].Epoch), (published.Info.RunId, published.Info.Epoch!.Value));

            var resume = await resumed.PostAsync("/api/training/resume");
            Assert.Equal("running", (await resume.Content.ReadFromJsonAsync<RunStateDto>())!.State);
            var after = await resumed.WaitForEpochsAsync(kept.Length + 2);
            Assert.Equal(Enumerable.Range(0, after.Length), after.Select(e => e.Epoch));
            await resumed.PostAsync("/api/training/stop");
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
