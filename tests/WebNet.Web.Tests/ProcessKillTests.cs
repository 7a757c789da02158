using System.Net;
using System.Net.Http.Json;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests;

public sealed class ProcessKillTests
{
    [Fact]
    public async Task AnAppProcessKilledMidRunContinuesTheSameRunWithItsHistoryWholeAfterARestart()
    {
        var dataPath = WebNetFactory.NewDataPath();
        try
        {
            EpochDto[] before;
            long runId;
            using (var app = AppProcess.Start(dataPath, autoStart: false))
            {
                using var client = await app.ReadyAsync();
                var start = await client.PostJsonAsync("/api/training/start", Rest.TinyRun);
                Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
                runId = (await start.Content.ReadFromJsonAsync<RunStateDto>())!.RunId!.Value;
                before = await client.WaitForEpochsAsync(4);
                app.Kill();
            }

            using (var app = AppProcess.Start(dataPath, autoStart: true))
            {
                using var client = await app.ReadyAsync();
                var after = await client.WaitForEpochsAsync(before.Length + 3);
                var state = await client.StateAsync();
                Assert.Equal((runId, "running"), (state.RunId!.Value, state.State));
                Assert.Equal(Enumerable.Range(0, after.Length), after.Select(e => e.Epoch));
                Assert.Equal(before, after.Take(before.Length));
                Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/training/stop")).StatusCode);
                var run = Assert.Single((await client.GetFromJsonAsync<RunSummaryDto[]>("/api/runs"))!);
                Assert.Equal("stopped", run.State);
            }
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task SigtermMidRunExitsWithinFiveSecondsAndARestartResumesFromTheLastCompletedEpoch()
    {
        var dataPath = WebNetFactory.NewDataPath();
        try
        {
            EpochDto[] before;
            long runId;
            using (var app = AppProcess.Start(dataPath, autoStart: false))
            {
                using var client = await app.ReadyAsync();
                var start = await client.PostJsonAsync("/api/training/start", Rest.TinyRun);
                runId = (await start.Content.ReadFromJsonAsync<RunStateDto>())!.RunId!.Value;
                // A prefix of what the restart must find: an epoch may still complete before the signal lands.
                before = await client.WaitForEpochsAsync(3);
                var took = app.Terminate(TimeSpan.FromSeconds(20));
                Assert.True(took is not null, $"the app was still running 20 s after SIGTERM:\n{app.Output}");
                Assert.True(took < TimeSpan.FromSeconds(5), $"the app took {took!.Value.TotalSeconds:F1} s to exit after SIGTERM");
                Assert.Equal(0, app.ExitCode);
            }

            using (var app = AppProcess.Start(dataPath, autoStart: true))
            {
                using var client = await app.ReadyAsync();
                var after = await client.WaitForEpochsAsync(before.Length + 2);
                var state = await client.StateAsync();
                Assert.Equal((runId, "running"), (state.RunId!.Value, state.State));
                Assert.Equal(Enumerable.Range(0, after.Length), after.Select(e => e.Epoch));
                Assert.Equal(before, after.Take(before.Length));
            }
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
