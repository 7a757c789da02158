using WebNet.Core.Network;
using WebNet.Web.Contracts;

namespace WebNet.Web.Training;

/// <summary>int8 per-layer quantisation of a network's weights for the dashboard (about 51 KB for 784-64-10).</summary>
public static class WeightQuantizer
{
    public static WeightsDto Quantize(Mlp model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = new LayerWeightsDto[model.Shape.Layers.Count];
        for (var l = 0; l < layers.Length; l++)
        {
            var spec = model.Shape.Layers[l];
            var w = model.Weights(l);
            var scale = 0f;
            foreach (var value in w)
            {
                scale = MathF.Max(scale, MathF.Abs(value));
            }

            // w (Out,In) row-major -> sbyte (Out,In): round(w / scale * 127).
            var bytes = new byte[w.Length];
            if (scale > 0f && float.IsFinite(scale))
            {
                var factor = 127f / scale;
                for (var i = 0; i < w.Length; i++)
                {
                    bytes[i] = unchecked((byte)(sbyte)Math.Clamp(MathF.Round(w[i] * factor), -127f, 127f));
                }
            }

            layers[l] = new LayerWeightsDto(spec.Inputs, spec.Outputs, spec.Activation.ToWireName(), scale, bytes, model.Biases(l).ToArray());
        }

        return new WeightsDto(layers);
    }
}
