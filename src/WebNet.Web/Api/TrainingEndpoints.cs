using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WebNet.Web.Contracts;
using WebNet.Web.Options;
using WebNet.Web.Security;
using WebNet.Web.Storage;
using WebNet.Web.Training;

namespace WebNet.Web.Api;

/// <summary>/api/training: the current run's state and history, and its control calls (admin key when configured).</summary>
public static class TrainingEndpoints
{
    public static IEndpointRouteBuilder MapTrainingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/training").WithTags("Training");
        group.MapGet("/", GetState).WithName("GetTraining").WithSummary("The current run's state and hyperparameters.");
        group.MapGet("/history", GetHistory).WithName("GetTrainingHistory").WithSummary("One row per completed epoch of the current run (epoch 0 is the untrained network), without weights.");

        var control = group.MapGroup("/")
            .RequireControl()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        control.MapPost("/start", Start).WithName("StartTraining")
            .WithSummary("Starts a run: a preset (seed when absent) with any fields overridden.")
            .Accepts<StartRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        control.MapPost("/pause", Pause).WithName("PauseTraining").WithSummary("Pauses the running run, dropping the part-trained epoch.").ProducesProblem(StatusCodes.Status409Conflict);
        control.MapPost("/resume", Resume).WithName("ResumeTraining").WithSummary("Resumes the paused run from its last completed epoch.").ProducesProblem(StatusCodes.Status409Conflict);
        control.MapPost("/stop", Stop).WithName("StopTraining").WithSummary("Stops the running or paused run for good.").ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static Ok<RunStateDto> GetState(RunController controller) => TypedResults.Ok(controller.Status);

    public static Ok<IReadOnlyList<EpochDto>> GetHistory(RunController controller, IRunStore store) =>
        TypedResults.Ok(controller.Status.RunId is { } id ? store.GetHistory(id) : (IReadOnlyList<EpochDto>)[]);

    public static async Task<Results<Accepted<RunStateDto>, ValidationProblem, ProblemHttpResult>> Start(
        HttpRequest request, RunController controller, IOptions<RequestLimitOptions> limits, CancellationToken cancellationToken)
    {
        var (body, errors, tooLarge) = await StartRequestReader.ReadAsync(request, limits.Value.MaxRequestBodyBytes, cancellationToken);
        if (tooLarge)
        {
            return RequestBody.TooLarge(limits.Value.MaxRequestBodyBytes, "A request body");
        }

        // Every bad field at once, the unreadable ones first, then the readable ones out of range.
        if (StartRequestReader.Resolve(body, errors) is not { } options)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await controller.StartAsync(options, cancellationToken);
        return result.Outcome switch
        {
            CommandOutcome.Done => TypedResults.Accepted("/api/training", result.State),
            CommandOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!),
            CommandOutcome.OverBudget => TypedResults.Problem(new HttpValidationProblemDetails(result.Errors!)
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The run is over the budget",
                Detail = result.Message,
            }),
            CommandOutcome.Unavailable => Unavailable(result),
            CommandOutcome.Unreachable => Unreachable(result),
            _ => Conflict(result),
        };
    }

    public static async Task<Results<Ok<RunStateDto>, ProblemHttpResult>> Pause(RunController controller, CancellationToken cancellationToken) =>
        Respond(await controller.PauseAsync(cancellationToken));

    public static async Task<Results<Ok<RunStateDto>, ProblemHttpResult>> Resume(RunController controller, CancellationToken cancellationToken) =>
        Respond(await controller.ResumeAsync(cancellationToken));

    public static async Task<Results<Ok<RunStateDto>, ProblemHttpResult>> Stop(RunController controller, CancellationToken cancellationToken) =>
        Respond(await controller.StopAsync(cancellationToken));

    private static Results<Ok<RunStateDto>, ProblemHttpResult> Respond(CommandResult result) => result.Outcome switch
    {
        CommandOutcome.Done => TypedResults.Ok(result.State),
        CommandOutcome.Unavailable => Unavailable(result),
        CommandOutcome.Unreachable => Unreachable(result),
        _ => Conflict(result),
    };

    private static ProblemHttpResult Unavailable(CommandResult result) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The run database cannot be used",
        detail: result.Message);

    private static ProblemHttpResult Unreachable(CommandResult result) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "No trainer reachable",
        detail: result.Message,
        extensions: new Dictionary<string, object?> { ["state"] = result.State.State });

    private static ProblemHttpResult Conflict(CommandResult result) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "The training state does not allow this",
        detail: result.Message,
        extensions: new Dictionary<string, object?> { ["state"] = result.State.State });
}
