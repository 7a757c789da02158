namespace WebNet.Core.Insight;

/// <summary>
/// How much one first-hidden-layer neuron matters. OutgoingNorm: L2 norm of its outgoing weights (its column
/// of the next layer's W). MeanActivation: its mean activation on the dataset. Contribution: the RMS size of
/// what it adds to the next layer's weighted input, sqrt(mean h²) * OutgoingNorm. AccuracyWithout: accuracy
/// with it alone switched off; AccuracyDrop: baseline minus that (negative when switching it off helps).
/// </summary>
public sealed record NeuronScore(
    int Neuron,
    double OutgoingNorm,
    double MeanActivation,
    double Contribution,
    double AccuracyWithout,
    double AccuracyDrop,
    bool Dim);
