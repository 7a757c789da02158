using System.ComponentModel.DataAnnotations;

namespace WebNet.Web.Options;

/// <summary>The WebNet:Training section: what the app does with training when it starts.</summary>
public sealed class TrainingHostOptions
{
    public const string Section = "WebNet:Training";

    /// <summary>Start the seed preset at start-up, or resume the run a previous process left running.</summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>
    /// For tests and demos only: train on a small generated dataset (300 training and 100 test images of
    /// ten synthetic 28x28 patterns) instead of MNIST. The process-kill test runs the built app with it.
    /// </summary>
    public bool SyntheticData { get; set; }

    /// <summary>
    /// Threads the CPU backend trains with. 0 (the default) means one fewer than the machine has cores, at least
    /// one: training then never takes the core that answers the API, the hub and the dashboard.
    /// </summary>
    [Range(0, 1024)]
    public int CpuThreads { get; set; }

    /// <summary>
    /// How far training yields to the requests, pushes and page loads: the training threads' nice value on Linux
    /// (0 = the same priority as the web threads, 19 = the lowest; Windows gives any value above 0 BelowNormal).
    /// Training still has every core nobody else needs.
    /// </summary>
    [Range(0, 19)]
    public int Nice { get; set; } = 10;

    public int EffectiveCpuThreads => CpuThreads > 0 ? CpuThreads : Math.Max(1, Environment.ProcessorCount - 1);
}
