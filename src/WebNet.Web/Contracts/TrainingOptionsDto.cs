namespace WebNet.Web.Contracts;

/// <summary>Every hyperparameter of a run, with enums as their wire names (sigmoid, cross-entropy, sgd...).</summary>
public sealed record TrainingOptionsDto(
    string Preset,
    IReadOnlyList<int> Hidden,
    string Activation,
    string Cost,
    string Initializer,
    string Optimizer,
    float LearningRate,
    float Momentum,
    int BatchSize,
    float L2,
    int Epochs,
    ulong Seed,
    string Backend,
    string Schedule = "constant",
    AugmentationDto? Augmentation = null,
    DrawingsTrainingDto? Drawings = null);
