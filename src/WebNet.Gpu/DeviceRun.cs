using ILGPU;
using ILGPU.Runtime;
using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Gpu;

/// <summary>
/// Everything one run keeps on the device, allocated once by Initialize: both data sets, the parameters
/// (canonical layout), their gradients and optimizer state, and the batch buffers. Capacity rows serve a
/// training batch or a chunk of evaluation rows, whichever is larger.
/// </summary>
internal sealed class DeviceRun : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public DeviceRun(Accelerator accelerator, NetworkShape shape, TrainingOptions options, Dataset train, Dataset test, int evaluationChunk)
    {
        TrainImages = Upload(accelerator, train.Images);
        TrainLabels = Upload(accelerator, ToInts(train.Labels));
        TestImages = Upload(accelerator, test.Images);
        TestLabels = Upload(accelerator, ToInts(test.Labels));
        Order = Allocate<int>(accelerator, train.Count);
        var n = shape.ParameterCount;
        Parameters = Allocate<float>(accelerator, n);
        Gradients = Allocate<float>(accelerator, n);
        var perParameter = options.Optimizer.StateFloatsPerParameter();

        // Unused state is one float so that the update kernel always receives a valid view.
        State1 = Allocate<float>(accelerator, perParameter >= 1 ? n : 1);
        State2 = Allocate<float>(accelerator, perParameter >= 2 ? n : 1);

        Capacity = Math.Max(Math.Min(options.BatchSize, train.Count), Math.Min(evaluationChunk, Math.Max(train.Count, test.Count)));
        Input = Allocate<float>(accelerator, (long)Capacity * shape.InputSize);
        RowLabels = Allocate<int>(accelerator, Capacity);
        Activations = new ArrayView<float>[shape.Layers.Count];
        Deltas = new ArrayView<float>[shape.Layers.Count];
        for (var l = 0; l < shape.Layers.Count; l++)
        {
            Activations[l] = Allocate<float>(accelerator, (long)Capacity * shape.Layers[l].Outputs);
            Deltas[l] = Allocate<float>(accelerator, (long)Capacity * shape.Layers[l].Outputs);
        }

        var samples = Math.Max(1, Math.Max(train.Count, test.Count));
        SampleLoss = Allocate<float>(accelerator, samples);
        SamplePrediction = Allocate<int>(accelerator, samples);
        HostLoss = new float[samples];
        Unused = Allocate<float>(accelerator, 1);
        HostPrediction = new int[samples];
    }

    public ArrayView<float> TrainImages { get; }

    public ArrayView<int> TrainLabels { get; }

    public ArrayView<float> TestImages { get; }

    public ArrayView<int> TestLabels { get; }

    /// <summary>The epoch's shuffled order, the only upload per epoch.</summary>
    public ArrayView<int> Order { get; }

    public ArrayView<float> Parameters { get; }

    public ArrayView<float> Gradients { get; }

    public ArrayView<float> State1 { get; }

    public ArrayView<float> State2 { get; }

    public int Capacity { get; }

    /// <summary>The gathered batch x (Capacity, In) and its labels.</summary>
    public ArrayView<float> Input { get; }

    public ArrayView<int> RowLabels { get; }

    /// <summary>Per layer (Capacity, Out): activations a, and deltas dC/dz.</summary>
    public ArrayView<float>[] Activations { get; }

    public ArrayView<float>[] Deltas { get; }

    /// <summary>Per-sample loss and prediction of an epoch (in order position) or an evaluation (in sample order).</summary>
    public ArrayView<float> SampleLoss { get; }

    public ArrayView<int> SamplePrediction { get; }

    /// <summary>A valid one-element view for kernel arguments a launch does not read (drivers differ on null views).</summary>
    public ArrayView<float> Unused { get; }

    public float[] HostLoss { get; }

    public int[] HostPrediction { get; }

    public void Dispose()
    {
        foreach (var buffer in _owned)
        {
            buffer.Dispose();
        }

        _owned.Clear();
    }

    private static int[] ToInts(byte[] labels) => Array.ConvertAll(labels, b => (int)b);

    private ArrayView<T> Upload<T>(Accelerator accelerator, T[] data)
        where T : unmanaged
    {
        var view = Allocate<T>(accelerator, data.Length);
        if (data.Length > 0)
        {
            view.SubView(0, data.Length).CopyFromCPU(data);
        }

        return view;
    }

    private ArrayView<T> Allocate<T>(Accelerator accelerator, long length)
        where T : unmanaged
    {
        // Zero-length buffers are awkward on some drivers; an empty data set gets one unused element.
        var buffer = accelerator.Allocate1D<T>(Math.Max(1, length));
        _owned.Add(buffer);
        buffer.MemSetToZero();
        accelerator.Synchronize(); // the zero-fill is queued; a host copy into the buffer must not overtake it
        return buffer.View;
    }
}
