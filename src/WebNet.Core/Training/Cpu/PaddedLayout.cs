using WebNet.Core.Network;

namespace WebNet.Core.Training.Cpu;

/// <summary>
/// The CPU backend's parameter layout: per layer WT (In, P) then b (P), with P = Out rounded up to 8 and
/// the padding kept zero. Converts to and from the canonical layout (W (Out, In) then b (Out)).
/// </summary>
internal sealed class PaddedLayout
{
    public PaddedLayout(NetworkShape shape)
    {
        Shape = shape;
        var count = shape.Layers.Count;
        Padded = new int[count];
        WeightOffset = new int[count];
        BiasOffset = new int[count];
        var offset = 0;
        for (var l = 0; l < count; l++)
        {
            var layer = shape.Layers[l];
            Padded[l] = (layer.Outputs + CpuKernels.Lanes - 1) / CpuKernels.Lanes * CpuKernels.Lanes;
            WeightOffset[l] = offset;
            offset += layer.Inputs * Padded[l];
            BiasOffset[l] = offset;
            offset += Padded[l];
        }

        Length = offset;
    }

    public NetworkShape Shape { get; }

    public int[] Padded { get; }

    public int[] WeightOffset { get; }

    public int[] BiasOffset { get; }

    public int Length { get; }

    public void FromCanonical(ReadOnlySpan<float> canonical, Span<float> padded)
    {
        if (canonical.Length != Shape.ParameterCount)
        {
            throw new ArgumentException($"Expected {Shape.ParameterCount} values, got {canonical.Length}.", nameof(canonical));
        }

        padded.Clear();
        for (var l = 0; l < Shape.Layers.Count; l++)
        {
            var layer = Shape.Layers[l];
            var p = Padded[l];
            var w = canonical.Slice(Shape.WeightOffset(l), layer.WeightCount);
            var wt = padded.Slice(WeightOffset[l], layer.Inputs * p);
            for (var j = 0; j < layer.Outputs; j++)
            {
                for (var i = 0; i < layer.Inputs; i++)
                {
                    wt[(i * p) + j] = w[(j * layer.Inputs) + i];
                }
            }

            canonical.Slice(Shape.BiasOffset(l), layer.Outputs).CopyTo(padded.Slice(BiasOffset[l], p));
        }
    }

    public void ToCanonical(ReadOnlySpan<float> padded, Span<float> canonical)
    {
        if (canonical.Length != Shape.ParameterCount)
        {
            throw new ArgumentException($"Expected room for {Shape.ParameterCount} values, got {canonical.Length}.", nameof(canonical));
        }

        for (var l = 0; l < Shape.Layers.Count; l++)
        {
            var layer = Shape.Layers[l];
            var p = Padded[l];
            var w = canonical.Slice(Shape.WeightOffset(l), layer.WeightCount);
            var wt = padded.Slice(WeightOffset[l], layer.Inputs * p);
            for (var j = 0; j < layer.Outputs; j++)
            {
                for (var i = 0; i < layer.Inputs; i++)
                {
                    w[(j * layer.Inputs) + i] = wt[(i * p) + j];
                }
            }

            padded.Slice(BiasOffset[l], layer.Outputs).CopyTo(canonical.Slice(Shape.BiasOffset(l), layer.Outputs));
        }
    }
}
