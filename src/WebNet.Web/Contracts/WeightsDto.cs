namespace WebNet.Web.Contracts;

/// <summary>A network's weights for the heatmaps, int8-quantised per layer (see docs/CONTRACTS.md).</summary>
public sealed record WeightsDto(IReadOnlyList<LayerWeightsDto> Layers);

/// <summary>
/// weights: outputs*inputs signed bytes (base64 in JSON, binary in MessagePack), row-major (neuron j's incoming weights are bytes
/// [j*inputs, (j+1)*inputs)); value = byte / 127 * scale, scale = max |w| of the layer.
/// </summary>
public sealed record LayerWeightsDto(int Inputs, int Outputs, string Activation, float Scale, byte[] Weights, float[] Biases);
