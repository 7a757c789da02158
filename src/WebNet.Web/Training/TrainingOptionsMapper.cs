using WebNet.Core.Augmentation;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Web.Contracts;

namespace WebNet.Web.Training;

/// <summary>Maps hyperparameters between the core record and the wire: options out as the DTO, a start request in as Core's overrides.</summary>
public static class TrainingOptionsMapper
{
    public static TrainingOptionsDto ToDto(this TrainingOptions options) => new(
        options.Preset,
        [.. options.Hidden],
        options.Activation.ToWireName(),
        options.Cost.ToWireName(),
        options.Initializer.ToWireName(),
        options.Optimizer.ToWireName(),
        options.LearningRate,
        options.Momentum,
        options.BatchSize,
        options.L2,
        options.Epochs,
        options.Seed,
        options.Backend,
        options.Schedule.ToWireName(),
        new AugmentationDto(options.Augmentation.Rotation, options.Augmentation.Scale, options.Augmentation.Shear, options.Augmentation.Shift, options.Augmentation.Elastic, options.Augmentation.Thickness, options.Augmentation.Pen),
        new DrawingsTrainingDto(options.Drawings.Copies, options.Drawings.HeldOut));

    /// <summary>The start request as Core's overrides: the one place a wire field meets Core (resolved and validated there, once).</summary>
    public static TrainingOverrides ToOverrides(this StartRequest? request)
    {
        request ??= new StartRequest();
        return new TrainingOverrides
        {
            Preset = request.Preset,
            Hidden = request.Hidden,
            Activation = request.Activation,
            Cost = request.Cost,
            Initializer = request.Initializer,
            Optimizer = request.Optimizer,
            LearningRate = request.LearningRate,
            Momentum = request.Momentum,
            BatchSize = request.BatchSize,
            L2 = request.L2,
            Epochs = request.Epochs,
            Seed = request.Seed,
            Backend = request.Backend,
            Schedule = request.Schedule,
            Augmentation = request.Augmentation?.Fields(),
            DrawingsCopies = request.Drawings?.Copies,
            DrawingsHeldOut = request.Drawings?.HeldOut,
        };
    }
}
