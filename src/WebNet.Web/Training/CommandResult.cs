using WebNet.Web.Contracts;

namespace WebNet.Web.Training;

public enum CommandOutcome
{
    /// <summary>Done, or already so (pause/resume/stop repeat idempotently).</summary>
    Done,

    /// <summary>The request is malformed: Errors names each bad field.</summary>
    Invalid,

    /// <summary>The current state does not allow the command; nothing changed.</summary>
    Conflict,

    /// <summary>The run would need more memory or storage than WebNet:Budget allows: Errors names the fields to change.</summary>
    OverBudget,

    /// <summary>The run database cannot be used (IRunStore.Fault, or a PostgreSQL server that does not answer): nothing can be trained or stored until it is.</summary>
    Unavailable,

    /// <summary>Scaled out: no replica holding the trainer lease answered (none holds it, Redis is down, or no answer in time).</summary>
    Unreachable,
}

/// <summary>What a control command did, with the state after it (unchanged unless Done).</summary>
public sealed record CommandResult(CommandOutcome Outcome, RunStateDto State, string Message, IDictionary<string, string[]>? Errors = null)
{
    public static CommandResult Done(RunStateDto state) => new(CommandOutcome.Done, state, "");

    public static CommandResult Conflict(RunStateDto state, string message) => new(CommandOutcome.Conflict, state, message);

    public static CommandResult Invalid(RunStateDto state, IDictionary<string, string[]> errors) =>
        new(CommandOutcome.Invalid, state, "One or more fields are invalid.", errors);

    public static CommandResult Unavailable(RunStateDto state, string message) => new(CommandOutcome.Unavailable, state, message);

    public static CommandResult Unreachable(RunStateDto state, string message) => new(CommandOutcome.Unreachable, state, message);

    public static CommandResult OverBudget(RunStateDto state, string message, IDictionary<string, string[]> errors) =>
        new(CommandOutcome.OverBudget, state, message, errors);
}
