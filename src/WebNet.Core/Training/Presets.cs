using WebNet.Core.Network;

namespace WebNet.Core.Training;

public static class Presets
{
    /// <summary>The original experiment: 784-64-10, sigmoid, cross-entropy, L2 1.5, lr 0.01, Xavier, batch 500, 230 epochs.</summary>
    public static TrainingOptions Seed { get; } = new()
    {
        Preset = "seed",
        Hidden = [64],
        Activation = Activation.Sigmoid,
        Cost = Cost.CrossEntropy,
        Initializer = Initializer.Xavier,
        Optimizer = Optimizer.Sgd,
        LearningRate = 0.01f,
        BatchSize = 500,
        L2 = 1.5f,
        Epochs = 230,
        Seed = 1,
    };

    /// <summary>Best accuracy in few epochs: a wider ReLU layer, softmax cross-entropy and momentum.</summary>
    public static TrainingOptions Fast { get; } = new()
    {
        Preset = "fast",
        Hidden = [256],
        Activation = Activation.Relu,
        Cost = Cost.SoftmaxCrossEntropy,
        Initializer = Initializer.He,
        Optimizer = Optimizer.Momentum,
        LearningRate = 0.05f,
        Momentum = 0.9f,
        BatchSize = 64,
        L2 = 3f,
        Epochs = 15,
        Seed = 1,
    };

    /// <summary>
    /// Reads people's drawings: a wide ReLU layer trained on randomly rotated, scaled, sheared, shifted, elastically
    /// distorted, thickened and thinned digits, half of them first redrawn with a constant-width pen as a drawing pad
    /// writes, with cosine annealing. A few minutes on 2 cores.
    /// </summary>
    public static TrainingOptions Robust { get; } = new()
    {
        Preset = "robust",
        Hidden = [800],
        Activation = Activation.Relu,
        Cost = Cost.SoftmaxCrossEntropy,
        Initializer = Initializer.He,
        Optimizer = Optimizer.Momentum,
        LearningRate = 0.05f,
        Momentum = 0.9f,
        BatchSize = 64,
        L2 = 1f,
        Epochs = 60,
        Seed = 1,
        Schedule = LearningRateSchedule.Cosine,
        Augmentation = new Augmentation.AugmentationOptions { Rotation = 15f, Scale = 0.12f, Shear = 12f, Shift = 2f, Elastic = 1.2f, Thickness = 1f, Pen = 0.5f },
    };

    public static IReadOnlyList<string> Names { get; } = ["seed", "fast", "robust"];

    public static bool TryGet(string? name, out TrainingOptions options)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "SEED":
                options = Seed;
                return true;
            case "FAST":
                options = Fast;
                return true;
            case "ROBUST":
                options = Robust;
                return true;
            default:
                options = Seed;
                return false;
        }
    }
}
