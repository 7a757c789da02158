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
    public async Task SigtermDuringTheEvaluationOfTheLargestNetworkTheBudgetAcceptsExitsWithinFiveSecondsAndTheRunCanBeResumed()
    {
        var dataPath = WebNetFactory.NewDataPath();
        string[] mnist = ["--WebNet:Training:SyntheticData=false"];
        try
        {
            long runId;
            // At normal priority: the time measured is how soon the evaluation sees the token, not how little CPU a
            // SCHED_IDLE thread gets while other test projects keep both cores busy.
            using (var app = AppProcess.Start(dataPath, autoStart: false, [.. mnist, "--WebNet:Training:Priority=normal", "--Logging:LogLevel:WebNet.Web.Training.RunController=Debug"]))
            {
                using var client = await app.ReadyAsync();
                // 784-4096x5-3749-10, 85.7 million parameters, 1,073,726,088 bytes to train: one neuron more is over the
                // 1 GiB budget (422).
                Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostJsonAsync("/api/training/start", Largest(3750))).StatusCode);
                var start = await client.PostJsonAsync("/api/training/start", Largest(3749));
                Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
                runId = (await start.Content.ReadFromJsonAsync<RunStateDto>())!.RunId!.Value;

                // Epoch 0's evaluation on MNIST's 10,000 test digits (then the 60,000 training digits) takes minutes
                // on the one thread training has here; the signal lands in it.
                await app.WaitForOutputAsync($"Run {runId}: evaluating epoch 0 on the test set");
                var took = app.Terminate(TimeSpan.FromSeconds(30));

                Assert.True(took is not null, $"the app was still running 30 s after SIGTERM:\n{app.Output}");
                Assert.True(took < TimeSpan.FromSeconds(5), $"the app took {took!.Value.TotalSeconds:F1} s to exit after SIGTERM during an evaluation");
                Assert.Equal(0, app.ExitCode);
            }

            using (var app = AppProcess.Start(dataPath, autoStart: false, mnist))
            {
                using var client = await app.ReadyAsync();
                var state = await client.StateAsync();
                // The run is kept as it was stored, with nothing of the cut-short evaluation, ready to resume.
                Assert.Equal((runId, "paused"), (state.RunId!.Value, state.State));
                Assert.Contains("resume to continue", state.Message, StringComparison.Ordinal);
                Assert.Equal([4096, 4096, 4096, 4096, 4096, 3749], state.Options!.Hidden);
                Assert.Empty(await client.HistoryAsync());
                var resumed = await client.PostAsync("/api/training/resume");
                Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
                Assert.Equal((runId, "running"), ((await resumed.Content.ReadFromJsonAsync<RunStateDto>())!.RunId!.Value, (await client.StateAsync()).State));
                Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/training/stop")).StatusCode);
            }
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static string Largest(int lastLayer) => $$"""{"hidden":[4096,4096,4096,4096,4096,{{lastLayer}}],"epochs":2}""";

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
