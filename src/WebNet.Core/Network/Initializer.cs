using WebNet.Core.Training;
using WebNet.Core.Wire;

namespace WebNet.Core.Network;

public enum Initializer
{
    /// <summary>Glorot uniform: U(-sqrt(6/(in+out)), +sqrt(6/(in+out))), biases zero.</summary>
    Xavier,

    /// <summary>He normal: N(0, 2/in), biases zero; suited to ReLU.</summary>
    He,
}

public static class Initializers
{
    public static Mlp Create(NetworkShape shape, Initializer initializer, SplitMix64 random)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(random);
        var parameters = new float[shape.ParameterCount];
        for (var l = 0; l < shape.Layers.Count; l++)
        {
            var layer = shape.Layers[l];
            var w = parameters.AsSpan(shape.WeightOffset(l), layer.WeightCount);
            if (initializer == Initializer.Xavier)
            {
                var limit = Math.Sqrt(6.0 / (layer.Inputs + layer.Outputs));
                for (var i = 0; i < w.Length; i++)
                {
                    w[i] = (float)(((2.0 * random.NextDouble()) - 1.0) * limit);
                }
            }
            else
            {
                var std = Math.Sqrt(2.0 / layer.Inputs);
                for (var i = 0; i < w.Length; i++)
                {
                    w[i] = (float)(random.NextGaussian() * std);
                }
            }
        }

        return new Mlp(shape, parameters);
    }

    private static readonly WireNames<Initializer> Wire = new((Initializer.Xavier, ["xavier", "glorot"]), (Initializer.He, ["he", "kaiming"]));

    public static IReadOnlyList<string> Names => Wire.Names;

    public static string ToWireName(this Initializer initializer) => Wire.Of(initializer);

    public static bool TryParse(string? text, out Initializer initializer) => Wire.TryParse(text, out initializer);
}
