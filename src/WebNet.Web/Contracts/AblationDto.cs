namespace WebNet.Web.Contracts;

/// <summary>Test accuracy with the listed hidden neurons off, against the full model's; milliseconds is the server's time for the ablation.</summary>
public sealed record AblationDto(
    IReadOnlyList<int> Off,
    double Accuracy,
    double BaselineAccuracy,
    double AccuracyDrop,
    int Correct,
    int TestCount,
    double Milliseconds);
