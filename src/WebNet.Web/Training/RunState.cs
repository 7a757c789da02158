namespace WebNet.Web.Training;

/// <summary>
/// The run state machine: idle -> running; running &lt;-> paused; running|paused -> stopped;
/// running -> completed|diverged|failed. Terminal states allow only a new start.
/// </summary>
public enum RunState
{
    Idle,
    Running,
    Paused,
    Completed,
    Stopped,
    Diverged,
    Failed,
}

public static class RunStates
{
    public static string ToWireName(this RunState state) => state switch
    {
        RunState.Idle => "idle",
        RunState.Running => "running",
        RunState.Paused => "paused",
        RunState.Completed => "completed",
        RunState.Stopped => "stopped",
        RunState.Diverged => "diverged",
        RunState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static RunState Parse(string text) =>
        Enum.TryParse<RunState>(text, ignoreCase: true, out var state) ? state : throw new FormatException($"Unknown run state '{text}'.");

    /// <summary>A run in these states owns the training slot: no new run may start.</summary>
    public static bool IsActive(this RunState state) => state is RunState.Running or RunState.Paused;
}
