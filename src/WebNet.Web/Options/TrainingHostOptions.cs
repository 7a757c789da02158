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
}
