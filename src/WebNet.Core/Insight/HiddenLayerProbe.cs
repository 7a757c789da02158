using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using WebNet.Core.Data;
using WebNet.Core.Network;

namespace WebNet.Core.Insight;

/// <summary>
/// One pass of a network over a dataset, kept so that switching first-hidden-layer neurons off costs only a
/// correction of the next layer's weighted input. H (N,K) is the first hidden layer's activations, Z (N,O)
/// the next layer's weighted input (pre-activation), WT (K,O) that layer's weights transposed so neuron j's
/// outgoing weights are one contiguous row. Switching neuron j off subtracts H[s,j] * WT[j,:] from Z[s,:].
/// Build once per (model, dataset); every read is thread-safe.
/// </summary>
public sealed class HiddenLayerProbe
{
    private const int SampleBlock = 256;

    private readonly float[] _hidden;
    private readonly float[] _next;
    private readonly float[] _outgoing;
    private readonly float[] _incoming;
    private readonly bool _argmaxOfZ;

    public HiddenLayerProbe(Mlp model, Dataset data)
        : this(model, data, CancellationToken.None)
    {
    }

    /// <summary>The forward pass over the dataset, stopped (OperationCanceledException) between blocks of samples when cancellationToken is.</summary>
    public HiddenLayerProbe(Mlp model, Dataset data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (model.Shape.Layers.Count < 2)
        {
            throw new ArgumentException("The network has no hidden layer to probe.", nameof(model));
        }

        if (data.InputSize != model.Shape.InputSize)
        {
            throw new ArgumentException($"The network takes {model.Shape.InputSize} inputs but the images have {data.InputSize} pixels.", nameof(data));
        }

        Model = model;
        Data = data;
        HiddenCount = model.Shape.Layers[0].Outputs;
        NextCount = model.Shape.Layers[1].Outputs;
        _hidden = new float[data.Count * HiddenCount];
        _next = new float[data.Count * NextCount];
        _outgoing = Transpose(model.Weights(1), NextCount, HiddenCount);
        _incoming = Transpose(model.Weights(0), HiddenCount, model.Shape.InputSize);
        _argmaxOfZ = model.Shape.Layers.Count == 2 && model.Shape.Layers[1].Activation is Activation.Sigmoid or Activation.Softmax;
        Parallel.For(0, (data.Count + SampleBlock - 1) / SampleBlock, new ParallelOptions { CancellationToken = cancellationToken }, block => ForwardBlock(block * SampleBlock, Math.Min(data.Count, (block + 1) * SampleBlock)));
        Predictions = new int[data.Count];
        var correct = 0;
        var scratch = new Scratch(model);
        for (var s = 0; s < data.Count; s++)
        {
            _next.AsSpan(s * NextCount, NextCount).CopyTo(scratch.Z);
            Predictions[s] = Finish(scratch);
            correct += Predictions[s] == data.Labels[s] ? 1 : 0;
        }

        Correct = correct;
    }

    public Mlp Model { get; }

    public Dataset Data { get; }

    /// <summary>K: the first hidden layer's width.</summary>
    public int HiddenCount { get; }

    /// <summary>O: the width of the layer after it.</summary>
    public int NextCount { get; }

    /// <summary>The full network's class for every sample (argmax of its outputs, as training evaluates).</summary>
    public int[] Predictions { get; }

    /// <summary>Samples the full network gets right.</summary>
    public int Correct { get; }

    public double Accuracy => Data.Count == 0 ? 0 : (double)Correct / Data.Count;

    /// <summary>H[s, :] (K): sample s's first-hidden-layer activations.</summary>
    public ReadOnlySpan<float> Hidden(int sample) => _hidden.AsSpan(sample * HiddenCount, HiddenCount);

    /// <summary>Neuron j's outgoing weights (O): column j of the next layer's W.</summary>
    public ReadOnlySpan<float> Outgoing(int neuron) => _outgoing.AsSpan(neuron * NextCount, NextCount);

    /// <summary>
    /// Samples in [start, end) classified correctly with the neurons in off (distinct, in range) forced to 0.
    /// With more than half the layer off, Z is rebuilt from the bias and the neurons left on, so switching
    /// everything off leaves exactly the bias.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int CountCorrect(ReadOnlySpan<int> off, bool[] isOff, int start, int end, Scratch scratch)
    {
        var rebuild = off.Length * 2 > HiddenCount;
        var bias = Model.Biases(1);
        var correct = 0;
        for (var s = start; s < end; s++)
        {
            var z = scratch.Z;
            var h = Hidden(s);
            if (rebuild)
            {
                bias.CopyTo(z);
                for (var j = 0; j < HiddenCount; j++)
                {
                    if (!isOff[j] && h[j] != 0f)
                    {
                        AddScaled(Outgoing(j), h[j], z);
                    }
                }
            }
            else
            {
                _next.AsSpan(s * NextCount, NextCount).CopyTo(z);
                foreach (var j in off)
                {
                    AddScaled(Outgoing(j), -h[j], z);
                }
            }

            correct += Classify(scratch) == Data.Labels[s] ? 1 : 0;
        }

        return correct;
    }

    /// <summary>
    /// The class from scratch.Z. With one layer after the hidden one and a sigmoid or softmax output, both
    /// monotonic, it is the argmax of Z itself, skipping the activation, unless the top two are so close (or
    /// the sigmoid so saturated) that float outputs could tie, where Mlp.Forward's IndexOfMax would pick the
    /// first: then the outputs are computed so the answer stays exactly Mlp.Forward's.
    /// </summary>
    private int Classify(Scratch scratch)
    {
        if (_argmaxOfZ)
        {
            var z = scratch.Z;
            var best = 0;
            var max = z[0];
            var second = float.NegativeInfinity;
            for (var o = 1; o < z.Length; o++)
            {
                if (z[o] > max)
                {
                    second = max;
                    max = z[o];
                    best = o;
                }
                else if (z[o] > second)
                {
                    second = z[o];
                }
            }

            // A gap of the sigmoid's outputs of at least about 1e-6 (its slope is at least exp(-|z|) between them).
            var separated = (max - second) * MathF.Exp(-MathF.Max(MathF.Abs(max), MathF.Abs(second))) > 1e-6f;
            if (separated)
            {
                return best;
            }
        }

        return Finish(scratch);
    }

    private static void AddScaled(ReadOnlySpan<float> w, float factor, Span<float> z)
    {
        for (var o = 0; o < z.Length; o++)
        {
            z[o] += factor * w[o];
        }
    }

    /// <summary>The class from scratch.Z (the second layer's weighted input, overwritten) onwards, as Mlp.Forward computes it.</summary>
    private int Finish(Scratch scratch)
    {
        var layers = Model.Shape.Layers;
        var a = scratch.Layers[0];
        Activations.Forward(layers[1].Activation, a);
        for (var l = 2; l < layers.Count; l++)
        {
            var next = scratch.Layers[l - 1];
            var w = Model.Weights(l);
            Model.Biases(l).CopyTo(next);
            for (var o = 0; o < next.Length; o++)
            {
                next[o] += TensorPrimitives.Dot(w.Slice(o * layers[l].Inputs, layers[l].Inputs), a);
            }

            Activations.Forward(layers[l].Activation, next);
            a = next;
        }

        return TensorPrimitives.IndexOfMax(a);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardBlock(int start, int end)
    {
        var layer0 = Model.Shape.Layers[0];
        var b0 = Model.Biases(0);
        var w1 = Model.Weights(1);
        var b1 = Model.Biases(1);
        for (var s = start; s < end; s++)
        {
            // h (K) = f(b0 + W0 x), summed over x's non-zeros (about a fifth of an MNIST image) as rows of
            // W0T (In, K); z (O) = b1 + W1 h.
            var x = Data.Image(s);
            var h = _hidden.AsSpan(s * HiddenCount, HiddenCount);
            b0.CopyTo(h);
            for (var i = 0; i < x.Length; i++)
            {
                if (x[i] != 0f)
                {
                    TensorPrimitives.MultiplyAdd(_incoming.AsSpan(i * HiddenCount, HiddenCount), x[i], h, h);
                }
            }

            Activations.Forward(layer0.Activation, h);
            var z = _next.AsSpan(s * NextCount, NextCount);
            for (var o = 0; o < NextCount; o++)
            {
                z[o] = b1[o] + TensorPrimitives.Dot(w1.Slice(o * HiddenCount, HiddenCount), h);
            }
        }
    }

    private static float[] Transpose(ReadOnlySpan<float> w, int rows, int columns)
    {
        var t = new float[w.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                t[(c * rows) + r] = w[(r * columns) + c];
            }
        }

        return t;
    }

    /// <summary>Per-thread buffers: Z (O) and one activation row per layer after the first.</summary>
    internal sealed class Scratch
    {
        public Scratch(Mlp model)
        {
            Layers = [.. model.Shape.Layers.Skip(1).Select(l => new float[l.Outputs])];
            Z = Layers[0];
        }

        public float[] Z { get; }

        public float[][] Layers { get; }
    }
}
