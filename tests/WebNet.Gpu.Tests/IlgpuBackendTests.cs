using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;
using Xunit.Abstractions;

namespace WebNet.Gpu.Tests;

/// <summary>The seam's contract beyond one epoch: round trips, resuming, cancelling, and the Trainer driving it.</summary>
public sealed class IlgpuBackendTests(TestBackend device, ITestOutputHelper output) : IClassFixture<TestBackend>
{
    private static readonly TrainingOptions Adam = BackendParityTests.Options([16], "sigmoid", "cross-entropy", "adam");

    private ITrainingBackend Backend => device.Backend;

    [Fact]
    public void ParametersAndOptimizerStateComeBackAsTheyWereSet()
    {
        var shape = Initialize(Adam);
        var parameters = Initializers.Create(shape, Initializer.Xavier, new SplitMix64(5)).Parameters;
        var state = new float[2 * shape.ParameterCount];
        for (var i = 0; i < state.Length; i++)
        {
            state[i] = i * 1e-3f;
        }

        Backend.SetParameters(parameters);
        Backend.SetOptimizerState(state, 42);
        var parametersBack = new float[parameters.Length];
        var stateBack = new float[state.Length];
        Backend.GetParameters(parametersBack);
        Backend.GetOptimizerState(stateBack, out var steps);

        Assert.Equal(parameters, parametersBack);
        Assert.Equal(state, stateBack);
        Assert.Equal(42, steps);
    }

    [Fact]
    public void CopiesSurviveTheGarbageCollectorMovingTheHostArrays()
    {
        // A host array is movable memory: a copy must pin it, or a collection during the copy sends the values to (or
        // takes them from) where the array was. Parity tests saw whole stretches of parameters come back as zeros.
        var shape = Initialize(Adam);
        var parameters = Initializers.Create(shape, Initializer.Xavier, new SplitMix64(5)).Parameters;
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            // Young garbage: each gen-0 collection compacts the survivors, the test's arrays among them.
            var keep = new object[64];
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                keep[i % keep.Length] = new byte[16 * 1024];
            }
        });
        collector.Start();
        var wrong = 0;
        var rounds = 0;
        try
        {
            var deadline = Environment.TickCount64 + 1000;
            while (Environment.TickCount64 < deadline)
            {
                // Fresh arrays each round, so each copy goes from and to young (movable) memory.
                Backend.SetParameters(parameters.ToArray());
                var back = new float[parameters.Length];
                Backend.GetParameters(back);
                rounds++;
                if (!back.AsSpan().SequenceEqual(parameters))
                {
                    wrong++;
                }
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }

        output.WriteLine($"{rounds} round trips under collections, {wrong} wrong");
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void ResumingAdamFromACpuCheckpointLandsWhereTheCpuBackendDoes()
    {
        // The CPU trains one epoch; both backends then continue from its parameters, state and step count.
        var shape = Initialize(Adam);
        var n = shape.ParameterCount;
        var order = Enumerable.Range(0, BackendParityTests.Train.Count).Reverse().ToArray();
        using var cpu = new CpuBackend();
        cpu.Initialize(shape, Adam, BackendParityTests.Train, BackendParityTests.Test);
        cpu.SetParameters(Initializers.Create(shape, Initializer.Xavier, new SplitMix64(9)).Parameters);
        cpu.TrainEpoch(order, null, CancellationToken.None);
        var parameters = new float[n];
        var state = new float[2 * n];
        cpu.GetParameters(parameters);
        cpu.GetOptimizerState(state, out var steps);

        Backend.SetParameters(parameters);
        Backend.SetOptimizerState(state, steps);
        Array.Reverse(order);
        var cpuLoss = cpu.TrainEpoch(order, null, CancellationToken.None);
        var deviceLoss = Backend.TrainEpoch(order, null, CancellationToken.None);

        var expected = new float[n];
        var actual = new float[n];
        cpu.GetParameters(expected);
        Backend.GetParameters(actual);
        var (maxAbs, maxRel, worst, _) = ParityCheck.Compare(expected, actual);
        output.WriteLine($"after resuming at step {steps}: max |diff| {maxAbs:E2}, max rel {maxRel:E2}, worst/tolerance {worst:F3}");
        Assert.True(worst <= 1, $"Parameters differ beyond tolerance: max |diff| {maxAbs:E2}, worst/tolerance {worst:F3}.");
        Assert.Equal(cpuLoss, deviceLoss, ParityCheck.Tolerance * Math.Max(1, cpuLoss));
        Backend.GetOptimizerState(state, out var deviceSteps);
        cpu.GetOptimizerState(new float[2 * n], out var cpuSteps);
        Assert.Equal(cpuSteps, deviceSteps);
    }

    [Fact]
    public void ItTrainsFromAThreadOtherThanTheOneThatCreatedIt()
    {
        // The web app resumes on pool threads; a CUDA context must be made current on each.
        var options = BackendParityTests.Options([16], "relu", "softmax-cross-entropy", "momentum");
        ParityReport? report = null;
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            try
            {
                report = ParityCheck.Run(Backend, options, BackendParityTests.Train, BackendParityTests.Test);
            }
            catch (Exception e)
            {
                // An exception escaping a thread would end the test host; report it here instead.
                failure = e;
            }
        });
        worker.Start();
        worker.Join();

        Assert.Null(failure);
        Assert.NotNull(report);
        output.WriteLine($"{Backend.DeviceName} from another thread: {report}");
        ParityCheck.AssertAgrees(report);
    }

    [Fact]
    public void ACancelledEpochStopsBeforeItsNextBatch()
    {
        var shape = Initialize(Adam);
        Backend.SetParameters(Initializers.Create(shape, Initializer.Xavier, new SplitMix64(5)).Parameters);
        using var cancellation = new CancellationTokenSource();
        var batches = 0;
        var order = Enumerable.Range(0, BackendParityTests.Train.Count).ToArray();

        Assert.ThrowsAny<OperationCanceledException>(() => Backend.TrainEpoch(order, (done, _) =>
        {
            batches = done;
            cancellation.Cancel();
        }, cancellation.Token));
        Assert.Equal(1, batches);
    }

    [Fact]
    public void AnOrderThatDoesNotListEverySampleIsRefused()
    {
        Initialize(Adam);
        var outside = Enumerable.Range(0, BackendParityTests.Train.Count).ToArray();
        outside[^1] = BackendParityTests.Train.Count;

        Assert.Throws<ArgumentException>(() => Backend.TrainEpoch(new int[3], null, CancellationToken.None));
        Assert.Throws<ArgumentException>(() => Backend.TrainEpoch(outside, null, CancellationToken.None));
    }

    [Fact]
    public void TheTrainerDrivesItToTheSameEpochAsTheCpuBackend()
    {
        var options = BackendParityTests.Options([16], "sigmoid", "cross-entropy", "sgd") with { Preset = "seed" };
        using var cpu = new Trainer(options, BackendParityTests.Train, BackendParityTests.Test, new CpuBackend());
        using var gpu = new Trainer(options, BackendParityTests.Train, BackendParityTests.Test, new BackendFactory().Create(Backend.Name));
        var expected = cpu.RunEpoch();
        var actual = gpu.RunEpoch();

        Assert.Equal(expected.TestAccuracy, actual.TestAccuracy, 0.001);
        Assert.Equal(expected.TrainLoss, actual.TrainLoss, ParityCheck.Tolerance * Math.Max(1, expected.TrainLoss));
        Assert.Equal(expected.TestLoss, actual.TestLoss, ParityCheck.Tolerance * Math.Max(1, expected.TestLoss));
    }

    private NetworkShape Initialize(TrainingOptions options)
    {
        var shape = options.CreateShape(BackendParityTests.Train.InputSize, BackendParityTests.Train.Classes);
        Backend.Initialize(shape, options, BackendParityTests.Train, BackendParityTests.Test);
        return shape;
    }
}
