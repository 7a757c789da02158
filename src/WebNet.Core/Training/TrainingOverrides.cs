using WebNet.Core.Augmentation;
using WebNet.Core.Network;

namespace WebNet.Core.Training;

/// <summary>
/// A run's options as a person gives them, from the REST start body, the hub or the CLI: a preset (seed when none) and
/// any fields over it, words by their wire names, augmentation by field name, the drawings' copies and held-out share. <see cref="Resolve"/> turns them into
/// <see cref="TrainingOptions"/> and checks them, once, naming every bad field (camelCase, augmentation.x).
/// </summary>
public sealed record TrainingOverrides
{
    /// <summary>What a preset of "custom" starts from: seed's values under that name.</summary>
    public const string Custom = "custom";

    public string? Preset { get; init; }

    public IReadOnlyList<int>? Hidden { get; init; }

    public string? Activation { get; init; }

    public string? Cost { get; init; }

    public string? Initializer { get; init; }

    public string? Optimizer { get; init; }

    public float? LearningRate { get; init; }

    public float? Momentum { get; init; }

    public int? BatchSize { get; init; }

    public float? L2 { get; init; }

    public int? Epochs { get; init; }

    public ulong? Seed { get; init; }

    public string? Backend { get; init; }

    public string? Schedule { get; init; }

    /// <summary>Start from no augmentation instead of the preset's, before the fields below (the CLI's --no-augment).</summary>
    public bool NoAugmentation { get; init; }

    /// <summary>Augmentation fields by name (<see cref="AugmentationOptions.Names"/>) over the preset's.</summary>
    public IReadOnlyDictionary<string, float>? Augmentation { get; init; }

    /// <summary>drawings.copies (the CLI's --drawings-copies): times the drawings outside the held-out part are mixed in.</summary>
    public int? DrawingsCopies { get; init; }

    /// <summary>drawings.heldOut (the CLI's --drawings-held-out): the share of the drawings kept out of training for their curve.</summary>
    public double? DrawingsHeldOut { get; init; }

    /// <summary>The options, or null with field -> messages for every field that is unknown, unreadable or out of range.</summary>
    public TrainingOptions? Resolve(out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var basis = Presets.Seed;
        var presetName = "seed";
        if (Preset is not null)
        {
            if (Presets.TryGet(Preset, out basis))
            {
                presetName = basis.Preset;
            }
            else if (Preset.Trim().Equals(Custom, StringComparison.OrdinalIgnoreCase))
            {
                (basis, presetName) = (Presets.Seed, Custom);
            }
            else
            {
                errors["preset"] = [$"Unknown preset '{Preset}'; use {string.Join(", ", Presets.Names)} or {Custom} (seed's values)."];
            }
        }

        var options = basis with { Preset = presetName };
        options = Word<Activation>(errors, "activation", Activation, Activations.TryParse, Activations.HiddenNames, options, (o, v) => o with { Activation = v });
        options = Word<Cost>(errors, "cost", Cost, Costs.TryParse, Costs.Names, options, (o, v) => o with { Cost = v });
        options = Word<Initializer>(errors, "initializer", Initializer, Initializers.TryParse, Initializers.Names, options, (o, v) => o with { Initializer = v });
        options = Word<Optimizer>(errors, "optimizer", Optimizer, Optimizers.TryParse, Optimizers.Names, options, (o, v) => o with { Optimizer = v });
        options = Word<LearningRateSchedule>(errors, "schedule", Schedule, LearningRateSchedules.TryParse, LearningRateSchedules.Names, options, (o, v) => o with { Schedule = v });

        var augmentation = NoAugmentation ? AugmentationOptions.None : options.Augmentation;
        foreach (var (name, value) in Augmentation ?? new Dictionary<string, float>())
        {
            if (AugmentationOptions.Names.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                augmentation = augmentation.With(known, value);
            }
            else
            {
                errors[$"augmentation.{name}"] = [$"Unknown field 'augmentation.{name}'; augmentation's fields are {string.Join(", ", AugmentationOptions.Names)}."];
            }
        }

        options = options with
        {
            Hidden = Hidden is null ? options.Hidden : [.. Hidden],
            LearningRate = LearningRate ?? options.LearningRate,
            Momentum = Momentum ?? options.Momentum,
            BatchSize = BatchSize ?? options.BatchSize,
            L2 = L2 ?? options.L2,
            Epochs = Epochs ?? options.Epochs,
            Seed = Seed ?? options.Seed,
            Backend = Backend?.Trim().ToLowerInvariant() ?? options.Backend,
            Augmentation = augmentation,
            Drawings = options.Drawings with
            {
                Copies = DrawingsCopies ?? options.Drawings.Copies,
                HeldOut = DrawingsHeldOut ?? options.Drawings.HeldOut,
            },
        };
        foreach (var (field, messages) in options.Validate())
        {
            errors[field] = [.. errors.GetValueOrDefault(field, []), .. messages];
        }

        return errors.Count == 0 ? options : null;
    }

    private delegate bool Parser<T>(string? text, out T value);

    private static TrainingOptions Word<T>(Dictionary<string, string[]> errors, string field, string? text, Parser<T> parse, IReadOnlyList<string> names, TrainingOptions options, Func<TrainingOptions, T, TrainingOptions> set)
    {
        if (text is null)
        {
            return options;
        }

        if (parse(text, out var value))
        {
            return set(options, value);
        }

        errors[field] = [$"Unknown {field} '{text}'; use {string.Join(names.Count == 2 ? " or " : ", ", names)}."];
        return options;
    }
}
