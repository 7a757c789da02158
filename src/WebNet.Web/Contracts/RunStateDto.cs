namespace WebNet.Web.Contracts;

/// <summary>The run the dashboard shows. epoch counts completed epochs; epochs is the plan.</summary>
public sealed record RunStateDto(
    long? RunId,
    string State,
    string? Message,
    int Epoch,
    int Epochs,
    string Backend,
    string Device,
    TrainingOptionsDto? Options);
