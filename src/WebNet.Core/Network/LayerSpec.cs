namespace WebNet.Core.Network;

/// <summary>One fully connected layer: Inputs -> Outputs, then Activation.</summary>
public sealed record LayerSpec(int Inputs, int Outputs, Activation Activation)
{
    public int WeightCount => Inputs * Outputs;

    public int ParameterCount => (Inputs * Outputs) + Outputs;
}
