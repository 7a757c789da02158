using WebNet.Core.Augmentation;
using WebNet.Core.Drawings;
using WebNet.Core.Network;

namespace WebNet.Core.Training;

/// <summary>Every hyperparameter of a run. Presets fill all of them; callers override single fields.</summary>
public sealed record TrainingOptions
{
    public const int MaxEpochs = 100_000;
    public const int MaxHiddenLayers = 8;
    public const int MaxLayerWidth = 4096;

    public string Preset { get; init; } = "custom";

    public IReadOnlyList<int> Hidden { get; init; } = [64];

    public Activation Activation { get; init; } = Activation.Sigmoid;

    public Cost Cost { get; init; } = Cost.CrossEntropy;

    public Initializer Initializer { get; init; } = Initializer.Xavier;

    public Optimizer Optimizer { get; init; } = Optimizer.Sgd;

    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Momentum coefficient mu, used by the momentum optimizer.</summary>
    public float Momentum { get; init; } = 0.9f;

    public int BatchSize { get; init; } = 500;

    /// <summary>L2 lambda; the decay per step is lr*lambda/n with n the training-set size.</summary>
    public float L2 { get; init; } = 1.5f;

    public int Epochs { get; init; } = 230;

    public ulong Seed { get; init; } = 1;

    /// <summary>How the learning rate changes over the run's epochs.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Random transforms of the training images, drawn anew every epoch; none by default.</summary>
    public AugmentationOptions Augmentation { get; init; } = AugmentationOptions.None;

    /// <summary>The labelled drawings mixed into the training set, and the share held out for their curve; none by default.</summary>
    public DrawingsTraining Drawings { get; init; } = DrawingsTraining.None;

    /// <summary>auto, cpu, ilgpu-cpu, cuda or opencl.</summary>
    public string Backend { get; init; } = "auto";

    public NetworkShape CreateShape(int inputs, int outputs) =>
        NetworkShape.Create([inputs, .. Hidden, outputs], Activation, Cost);

    /// <summary>Field name (camelCase, as in the API) to messages; empty when the options are usable.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (Hidden is null)
        {
            Add("hidden", "Hidden layer sizes are required (an empty list means no hidden layer).");
        }
        else
        {
            if (Hidden.Count > MaxHiddenLayers)
            {
                Add("hidden", $"At most {MaxHiddenLayers} hidden layers are supported.");
            }

            if (Hidden.Any(h => h is < 1 or > MaxLayerWidth))
            {
                Add("hidden", $"Each hidden layer needs between 1 and {MaxLayerWidth} neurons.");
            }
        }

        if (Activation == Activation.Softmax)
        {
            Add("activation", "Softmax is an output activation; choose sigmoid, tanh or relu for hidden layers.");
        }

        if (!float.IsFinite(LearningRate) || LearningRate <= 0f || LearningRate > 100f)
        {
            Add("learningRate", "The learning rate must be a number greater than 0 and at most 100.");
        }

        if (!float.IsFinite(Momentum) || Momentum is < 0f or >= 1f)
        {
            Add("momentum", "Momentum must be at least 0 and below 1.");
        }

        if (BatchSize is < 1 or > 60_000)
        {
            Add("batchSize", "The batch size must be between 1 and 60000.");
        }

        if (!float.IsFinite(L2) || L2 < 0f || L2 > 1e6f)
        {
            Add("l2", "L2 lambda must be a number of at least 0 (and at most 1e6).");
        }

        if (Epochs is < 1 or > MaxEpochs)
        {
            Add("epochs", $"Epochs must be between 1 and {MaxEpochs}.");
        }

        if (Augmentation is null)
        {
            Add("augmentation", "Augmentation is required (all zeros turns it off).");
        }
        else
        {
            foreach (var (field, message) in Augmentation.Validate())
            {
                Add(field, message);
            }
        }

        if (Drawings is null)
        {
            Add("drawings", "Drawings is required (copies 0 leaves them out of training).");
        }
        else
        {
            foreach (var (field, message) in Drawings.Validate())
            {
                Add(field, message);
            }
        }

        if (!BackendNames.IsKnown(Backend))
        {
            Add("backend", $"Unknown backend '{Backend}'; use one of {string.Join(", ", BackendNames.All)}.");
        }

        return errors;
    }
}

public static class BackendNames
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";
    public const string IlgpuCpu = "ilgpu-cpu";
    public const string Cuda = "cuda";
    public const string OpenCl = "opencl";

    public static IReadOnlyList<string> All { get; } = [Auto, Cpu, IlgpuCpu, Cuda, OpenCl];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.OrdinalIgnoreCase);
}
