namespace WebNet.Core.Insight;

/// <summary>Every first-hidden-layer neuron's score (indexed by neuron) and the order from dimmest to most important.</summary>
public sealed record ImportanceReport(double BaselineAccuracy, int Count, IReadOnlyList<NeuronScore> Neurons, IReadOnlyList<int> DimmestFirst)
{
    public int DimCount => Neurons.Count(n => n.Dim);

    /// <summary>The count dimmest neurons (count clamped to 0..K).</summary>
    public IReadOnlyList<int> Dimmest(int count) => [.. DimmestFirst.Take(Math.Clamp(count, 0, DimmestFirst.Count))];

    /// <summary>The neurons the dim rule marks, dimmest first.</summary>
    public IReadOnlyList<int> DimNeurons => [.. DimmestFirst.Where(j => Neurons[j].Dim)];
}
