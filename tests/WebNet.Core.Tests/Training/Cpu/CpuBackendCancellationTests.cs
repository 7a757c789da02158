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
    public void ACancelledTokenStopsOneChunkOfAWideNetworkWithinALayer()
    {
        // 784-4096-4096-10, one chunk of 32 rows on one thread: 32 rows through the first layer, then 16.8 million
        // multiply-adds a row in the 4096 x 4096 layer, which goes in slices of four rows with a look at the token after
        // each. Looks only between layers would let that layer's 32 rows finish first (64 layer rows in all).
        var data = TestData.Synthetic(32, 28, 28, 10, seed: 43, density: 0.2);
        var options = new TrainingOptions { Hidden = [4096, 4096], BatchSize = 32 };
        var shape = options.CreateShape(data.InputSize, data.Classes);
        using var backend = new CpuBackend(1);
        backend.Initialize(shape, options, data, data);
        backend.SetParameters(Initializers.Create(shape, options.Initializer, new SplitMix64(1)).Parameters);

        var (_, error) = CancelOnceWorkHasStarted(backend, token => backend.Evaluate(cancellationToken: token), () => backend.LayerRowsForwarded > 32);

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(0, backend.RowsForwarded);
        Assert.InRange(backend.LayerRowsForwarded, 36, 60);
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
    private static (long RowsDone, Exception? Error) CancelOnceWorkHasStarted(CpuBackend backend, Action<CancellationToken> work, Func<bool>? started = null)
    {
        started ??= () => backend.RowsForwarded > 0;
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
        SpinWait.SpinUntil(() => started() || !thread.IsAlive);
        cancellation.Cancel();
        thread.Join();
        return (backend.RowsForwarded, error);
    }
}
