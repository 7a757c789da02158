namespace WebNet.Web.Contracts;

/// <summary>
/// GET /api/insight/importance: the current model's first hidden layer on the test set. neurons is indexed by
/// neuron; dimmestFirst orders them from least to most important; dimRule states the rule behind dim.
/// </summary>
public sealed record ImportanceDto(
    double BaselineAccuracy,
    int TestCount,
    int DimCount,
    string DimRule,
    IReadOnlyList<NeuronImportanceDto> Neurons,
    IReadOnlyList<int> DimmestFirst,
    long? RunId,
    int? Epoch);

/// <summary>One hidden neuron: outgoing weights' L2 norm, mean activation, RMS contribution to the next layer, accuracy with it alone off and the drop (fractions).</summary>
public sealed record NeuronImportanceDto(
    int Neuron,
    double OutgoingNorm,
    double MeanActivation,
    double Contribution,
    double AccuracyWithout,
    double AccuracyDrop,
    bool Dim);
