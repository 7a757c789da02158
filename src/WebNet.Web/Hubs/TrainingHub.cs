using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using WebNet.Web.Api;
using WebNet.Web.Contracts;
using WebNet.Web.Security;
using WebNet.Web.Training;

namespace WebNet.Web.Hubs;

/// <summary>Live training: pushes state and epochs; control methods mirror the REST calls (admin key checked by AdminKeyHubFilter).</summary>
public sealed class TrainingHub(RunController controller) : Hub<ITrainingClient>
{
    private const string RequestField = "request";

    public override async Task OnConnectedAsync()
    {
        await Clients.Caller.RunState(controller.Status);
        await Clients.Caller.History(controller.CurrentHistory());
        await base.OnConnectedAsync();
    }

    /// <param name="request">A StartRequest's fields, read by REST's reader: any case, unknown and mistyped fields named; null means the seed preset.</param>
    [RequiresAdminKey]
    public async Task<RunStateDto> Start(JsonElement request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var read = request.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? new StartRequest() : StartRequestReader.Read(request, RequestField, errors);
        return StartRequestReader.Resolve(read, errors) is { } options
            ? Unwrap(await controller.StartAsync(options, Context.ConnectionAborted))
            : Unwrap(CommandResult.Invalid(controller.Status, errors));
    }

    [RequiresAdminKey]
    public async Task<RunStateDto> Pause() => Unwrap(await controller.PauseAsync(Context.ConnectionAborted));

    [RequiresAdminKey]
    public async Task<RunStateDto> Resume() => Unwrap(await controller.ResumeAsync(Context.ConnectionAborted));

    [RequiresAdminKey]
    public async Task<RunStateDto> Stop() => Unwrap(await controller.StopAsync(Context.ConnectionAborted));

    // A refused command reaches the caller as a HubException carrying the reason (the REST calls give 400/409).
    private static RunStateDto Unwrap(CommandResult result) => result.Outcome switch
    {
        CommandOutcome.Done => result.State,
        CommandOutcome.Invalid => throw new HubException("Invalid request: " + string.Join(" ", result.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))),
        CommandOutcome.OverBudget => throw new HubException($"Over budget ({string.Join(", ", result.Errors!.Keys)}): {result.Message}"),
        _ => throw new HubException(result.Message),
    };
}
