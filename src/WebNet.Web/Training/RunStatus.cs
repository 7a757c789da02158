using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Storage;

namespace WebNet.Web.Training;

/// <summary>The controller's view of the current run; replaced whole on every change.</summary>
internal sealed record RunStatus(long? RunId, RunState State, string? Message, int Epoch, TrainingOptions? Options, string Backend, string Device)
{
    public static RunStatus Idle { get; } = new(null, RunState.Idle, null, 0, null, "", "");

    public static RunStatus From(RunRecord run) => new(run.Id, run.State, run.Message, run.Epoch, run.Options, run.Backend, run.Device);

    public RunStateDto ToDto() => new(RunId, State.ToWireName(), Message, Epoch, Options?.Epochs ?? 0, Backend, Device, Options?.ToDto());
}
