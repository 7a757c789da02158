using WebNet.Core.Augmentation;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Web.Contracts;

namespace WebNet.Web.Training;

/// <summary>Maps hyperparameters between the core record and the wire, validating a start request over its preset.</summary>
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
        new AugmentationDto(options.Augmentation.Rotation, options.Augmentation.Scale, options.Augmentation.Shear, options.Augmentation.Shift, options.Augmentation.Elastic, options.Augmentation.Thickness, options.Augmentation.Pen));

    /// <summary>A stored run's options back as the core record (stored values were validated when the run started).</summary>
    public static TrainingOptions FromDto(TrainingOptionsDto dto)
    {
        var request = new StartRequest
        {
            Preset = dto.Preset,
            Hidden = [.. dto.Hidden],
            Activation = dto.Activation,
            Cost = dto.Cost,
            Initializer = dto.Initializer,
            Optimizer = dto.Optimizer,
            LearningRate = dto.LearningRate,
            Momentum = dto.Momentum,
            BatchSize = dto.BatchSize,
            L2 = dto.L2,
            Epochs = dto.Epochs,
            Seed = dto.Seed,
            Backend = dto.Backend,
            Schedule = dto.Schedule ?? "constant",

            // Runs stored before augmentation existed had none.
            Augmentation = dto.Augmentation is { } a
                ? new AugmentationRequest { Rotation = a.Rotation, Scale = a.Scale, Shear = a.Shear, Shift = a.Shift, Elastic = a.Elastic, Thickness = a.Thickness, Pen = a.Pen }
                : new AugmentationRequest { Rotation = 0, Scale = 0, Shear = 0, Shift = 0, Elastic = 0, Thickness = 0, Pen = 0 },
        };
        var options = TryCreate(request, out var errors);
        return options ?? throw new InvalidDataException("Stored run options are invalid: " + string.Join(" ", errors.SelectMany(e => e.Value)));
    }

    /// <summary>The preset (seed when absent) with the request's fields over it; null with camelCase field -> messages when invalid.</summary>
    public static TrainingOptions? TryCreate(StartRequest? request, out Dictionary<string, string[]> errors)
    {
        request ??= new StartRequest();
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var basis = Presets.Seed;
        var presetName = "seed";
        if (request.Preset is not null)
        {
            if (Presets.TryGet(request.Preset, out basis))
            {
                presetName = basis.Preset;
            }
            else if (request.Preset.Trim().Equals("custom", StringComparison.OrdinalIgnoreCase))
            {
                basis = Presets.Seed;
                presetName = "custom";
            }
            else
            {
                errors["preset"] = [$"Unknown preset '{request.Preset}'; use {string.Join(", ", Presets.Names)} or custom (seed's values)."];
            }
        }

        var options = basis with { Preset = presetName };
        if (request.Activation is not null)
        {
            if (Activations.TryParse(request.Activation, out var activation))
            {
                options = options with { Activation = activation };
            }
            else
            {
                errors["activation"] = [$"Unknown activation '{request.Activation}'; use {string.Join(", ", Activations.HiddenNames)}."];
            }
        }

        if (request.Cost is not null)
        {
            if (Costs.TryParse(request.Cost, out var cost))
            {
                options = options with { Cost = cost };
            }
            else
            {
                errors["cost"] = [$"Unknown cost '{request.Cost}'; use {string.Join(", ", Costs.Names)}."];
            }
        }

        if (request.Initializer is not null)
        {
            if (Initializers.TryParse(request.Initializer, out var initializer))
            {
                options = options with { Initializer = initializer };
            }
            else
            {
                errors["initializer"] = [$"Unknown initializer '{request.Initializer}'; use {string.Join(", ", Initializers.Names)}."];
            }
        }

        if (request.Optimizer is not null)
        {
            if (Optimizers.TryParse(request.Optimizer, out var optimizer))
            {
                options = options with { Optimizer = optimizer };
            }
            else
            {
                errors["optimizer"] = [$"Unknown optimizer '{request.Optimizer}'; use {string.Join(", ", Optimizers.Names)}."];
            }
        }

        if (request.Schedule is not null)
        {
            if (LearningRateSchedules.TryParse(request.Schedule, out var schedule))
            {
                options = options with { Schedule = schedule };
            }
            else
            {
                errors["schedule"] = [$"Unknown schedule '{request.Schedule}'; use {string.Join(" or ", LearningRateSchedules.Names)}."];
            }
        }

        if (request.Augmentation is { } augmentation)
        {
            var basisAugmentation = options.Augmentation;
            options = options with
            {
                Augmentation = new AugmentationOptions
                {
                    Rotation = augmentation.Rotation ?? basisAugmentation.Rotation,
                    Scale = augmentation.Scale ?? basisAugmentation.Scale,
                    Shear = augmentation.Shear ?? basisAugmentation.Shear,
                    Shift = augmentation.Shift ?? basisAugmentation.Shift,
                    Elastic = augmentation.Elastic ?? basisAugmentation.Elastic,
                    Thickness = augmentation.Thickness ?? basisAugmentation.Thickness,
                    Pen = augmentation.Pen ?? basisAugmentation.Pen,
                },
            };
        }

        options = options with
        {
            Hidden = request.Hidden is null ? options.Hidden : [.. request.Hidden],
            LearningRate = request.LearningRate ?? options.LearningRate,
            Momentum = request.Momentum ?? options.Momentum,
            BatchSize = request.BatchSize ?? options.BatchSize,
            L2 = request.L2 ?? options.L2,
            Epochs = request.Epochs ?? options.Epochs,
            Seed = request.Seed ?? options.Seed,
            Backend = request.Backend?.Trim().ToLowerInvariant() ?? options.Backend,
        };
        foreach (var (field, messages) in options.Validate())
        {
            errors[field] = [.. errors.GetValueOrDefault(field, []), .. messages];
        }

        return errors.Count == 0 ? options : null;
    }
}
