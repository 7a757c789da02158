using System.ComponentModel.DataAnnotations;
using WebNet.Web.Training;

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
    /// How far training yields to requests, pushes and page loads: idle (the default: training runs on the CPU time
    /// nothing else wants; Linux SCHED_IDLE), low (nice 10) or normal. Training still has every core nobody needs.
    /// </summary>
    public TrainingPriorityLevel Priority { get; set; } = TrainingPriorityLevel.Idle;

    /// <summary>
    /// With CpuThreads 0: lend training the core it leaves free while no request has come for IdleCoreAfterMs, and
    /// take it back when one arrives (results do not depend on the thread count). False: one fewer always.
    /// </summary>
    public bool UseIdleCore { get; set; } = true;

    /// <summary>Milliseconds without a request before training may use every core.</summary>
    [Range(1, 3_600_000)]
    public int IdleCoreAfterMs { get; set; } = 1000;

    /// <summary>
    /// Lend the core only while other processes left at least this many cores idle beside training's own threads over
    /// the last quarter of a second (Linux: /proc/stat); 0: whenever no request has come, as on other systems. A
    /// quarter: a browser showing the dashboard takes about a quarter of a core, and at 0.75 the core was kept from
    /// training most of the time it watched (the seed run beside headless Chromium, five alternated rounds on 2 cores:
    /// a median 19.3 s from its start to epoch 230 at 0.25, 24.7 s at 0.75, 22.4 s at 0).
    /// </summary>
    [Range(0.0, 1024.0)]
    public double IdleCoreMinFreeCores { get; set; } = 0.25;
}
