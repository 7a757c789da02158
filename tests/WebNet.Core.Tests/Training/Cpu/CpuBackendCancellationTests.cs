using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Training.Cpu;

/// <summary>
/// Shutdown must not wait for a large network's evaluation or batch to finish: the backend looks at the token
/// between chunks of rows. Asserted on the work done when it stopped, not on the time it took.
/// </summary>
public sealed class CpuBackendCancellationTests
{
    // 784-2048-2048-10 on 6,000 rows: about 4 million multiply-adds a row, seconds of work on two cores, in
    // chunks of 32 rows of a few milliseconds each.
    private const int Rows = 6000;

    [Fact]
    public void ACancelledTokenStopsAnEvaluationOfABigNetworkWithinAFewChunks()
    {
        using var backend = BigNetwork(out _);

        var (rowsDone, error) = CancelOnceWorkHasStarted(backend, token => backend.Evaluate(cancellationToken: token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.InRange(rowsDone, 1, Rows / 2);
    }

    [Fact]
    public void ACancelledTokenStopsABatchOfABigNetworkWithinItsRows()
    {
        using var backend = BigNetwork(out var options);
        var order = Enumerable.Range(0, Rows).ToArray();

        // One batch holds every row, so only the checks within the batch's passes can stop it.
        var (rowsDone, error) = CancelOnceWorkHasStarted(backend, token => backend.TrainEpoch(order, null, token));

        Assert.Equal(Rows, options.BatchSize);
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.InRange(rowsDone, 1, Rows / 2);
    }

    [Fact]
    public void AnEvaluationWithATokenAlreadyCancelledDoesNoWork()
    {
        using var backend = BigNetwork(out _);

        Assert.ThrowsAny<OperationCanceledException>(() => backend.Evaluate(cancellationToken: new CancellationToken(canceled: true)));
        Assert.Equal(0, backend.RowsForwarded);
    }

    private static CpuBackend BigNetwork(out TrainingOptions options)
    {
        var data = TestData.Synthetic(Rows, 28, 28, 10, seed: 41, density: 0.2);
        options = new TrainingOptions { Hidden = [2048, 2048], BatchSize = Rows };
        var shape = options.CreateShape(data.InputSize, data.Classes);
        var backend = new CpuBackend(2);
        backend.Initialize(shape, options, data, data);
        var initial = Initializers.Create(shape, options.Initializer, new SplitMix64(1));
        backend.SetParameters(initial.Parameters);
        return backend;
    }

    // Runs work on another thread, cancels once its first rows are done, and reports how many rows were done in all.
    private static (long RowsDone, Exception? Error) CancelOnceWorkHasStarted(CpuBackend backend, Action<CancellationToken> work)
    {
        using var cancellation = new CancellationTokenSource();
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                work(cancellation.Token);
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        thread.Start();
        SpinWait.SpinUntil(() => backend.RowsForwarded > 0 || !thread.IsAlive);
        cancellation.Cancel();
        thread.Join();
        return (backend.RowsForwarded, error);
    }
}
