using System.Text.Json.Nodes;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Core.Serialization;

/// <summary>How a model was trained. Hyperparameters is a plain JSON object (camelCase names as in the API).</summary>
public sealed record ModelTrainingInfo(string? Preset, int Epochs, double? TestAccuracy, JsonObject Hyperparameters)
{
    /// <summary>The record of a run with these options after the given number of epochs.</summary>
    public static ModelTrainingInfo From(TrainingOptions options, int epochs, double? testAccuracy)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hyperparameters = new JsonObject
        {
            ["hidden"] = new JsonArray([.. options.Hidden.Select(h => (JsonNode)h)]),
            ["activation"] = options.Activation.ToWireName(),
            ["cost"] = options.Cost.ToWireName(),
            ["initializer"] = options.Initializer.ToWireName(),
            ["optimizer"] = options.Optimizer.ToWireName(),
            ["learningRate"] = options.LearningRate,
            ["momentum"] = options.Momentum,
            ["batchSize"] = options.BatchSize,
            ["l2"] = options.L2,
            ["epochs"] = options.Epochs,
            ["seed"] = options.Seed,
            ["backend"] = options.Backend,
            ["schedule"] = options.Schedule.ToWireName(),
            ["augmentation"] = new JsonObject
            {
                ["rotation"] = options.Augmentation.Rotation,
                ["scale"] = options.Augmentation.Scale,
                ["shear"] = options.Augmentation.Shear,
                ["shift"] = options.Augmentation.Shift,
                ["elastic"] = options.Augmentation.Elastic,
                ["thickness"] = options.Augmentation.Thickness,
                ["pen"] = options.Augmentation.Pen,
            },
            ["drawings"] = new JsonObject
            {
                ["copies"] = options.Drawings.Copies,
                ["heldOut"] = options.Drawings.HeldOut,
            },
        };
        return new ModelTrainingInfo(options.Preset, epochs, testAccuracy, hyperparameters);
    }
}
