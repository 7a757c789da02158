using WebNet.Core.Insight;
using WebNet.Core.Network;

namespace WebNet.Core.Tests.Insight;

public sealed class SharedComputationTests
{
    [Fact]
    public async Task ConcurrentCallersShareOneComputationAndItsResult()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var shared = new SharedComputation<object>(async _ =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            return new object();
        });

        var callers = Enumerable.Range(0, 8).Select(_ => shared.GetAsync(CancellationToken.None)).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, calls);
        Assert.Equal(1, shared.Starts);
        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Same(results[0], await shared.GetAsync(CancellationToken.None));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task TheComputationIsCancelledOnlyWhenTheLastWaitingCallerGivesUpAndTheNextCallerStartsAgain()
    {
        var tokens = new List<CancellationToken>();
        var seen = new SemaphoreSlim(0);
        var shared = new SharedComputation<object>(async token =>
        {
            lock (tokens)
            {
                tokens.Add(token);
            }

            seen.Release();
            await Task.Delay(Timeout.Infinite, token);
            return new object();
        });
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var firstCaller = shared.GetAsync(first.Token);
        var secondCaller = shared.GetAsync(second.Token);
        await seen.WaitAsync();

        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstCaller);
        Assert.False(tokens[0].IsCancellationRequested, "one caller left, another still waits: the work goes on");

        await second.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => secondCaller);
        Assert.True(tokens[0].IsCancellationRequested, "no caller is left: the work is cancelled");

        using var third = new CancellationTokenSource();
        var thirdCaller = shared.GetAsync(third.Token);
        await seen.WaitAsync();
        Assert.Equal(2, shared.Starts);
        Assert.False(tokens[1].IsCancellationRequested);
        await third.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => thirdCaller);
    }

    [Fact]
    public async Task AFailureIsNotKeptAndTheNextCallerTriesAgain()
    {
        var calls = 0;
        var shared = new SharedComputation<string>(_ => ++calls == 1 ? throw new InvalidOperationException("first") : Task.FromResult("second"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => shared.GetAsync(CancellationToken.None));
        Assert.Equal("second", await shared.GetAsync(CancellationToken.None));
    }

    [Fact]
    public void TheProbeAndTheRankingStopWhenTheirTokenIsCancelled()
    {
        var data = InsightTestData.Balanced(240, 6, 4, seed: 3);
        var model = InsightTestData.Network(11, Activation.Sigmoid, Cost.CrossEntropy, 36, 12, 4);
        var probe = new HiddenLayerProbe(model, data);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => new HiddenLayerProbe(model, data, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => NeuronImportance.Compute(probe, cancelled.Token));
    }

    [Fact]
    public async Task ModelInsightRanksOnceForConcurrentCallersAndAgreesWithNeuronImportance()
    {
        var data = InsightTestData.Balanced(240, 6, 4, seed: 3);
        var model = InsightTestData.Network(11, Activation.Sigmoid, Cost.CrossEntropy, 36, 12, 4);
        var insight = new ModelInsight(model, data);

        var reports = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => insight.ImportanceAsync(CancellationToken.None)));

        Assert.Equal(1, insight.ImportanceStarts);
        Assert.All(reports, r => Assert.Same(reports[0], r));
        Assert.Equal(NeuronImportance.Compute(new HiddenLayerProbe(model, data)).DimmestFirst, reports[0].DimmestFirst);
    }
}
