namespace WebNet.Core.Insight;

/// <summary>
/// InputAttribution's answer for one input. Predicted: the network's class (first argmax of outputs); Target: the
/// class explained; Outputs (Out); Hidden (K): the first hidden layer's activations, off neurons 0, empty without
/// a hidden layer; Score: Target's pre-activation z_d; Contributions (In): x_i * dz_d/dx_i, same layout as the input.
/// </summary>
public sealed record InputExplanation(int Predicted, int Target, float[] Outputs, float[] Hidden, float Score, float[] Contributions);
