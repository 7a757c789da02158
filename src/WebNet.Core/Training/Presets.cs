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

    public static IReadOnlyList<string> Names { get; } = ["seed", "fast"];

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
            default:
                options = Seed;
                return false;
        }
    }
}
