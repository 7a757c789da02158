using System.Text.Json.Serialization;

namespace WebNet.Web.Contracts;

/// <summary>One completed epoch (epoch 0 is the untrained network). Weights only travel with EpochCompleted.</summary>
public sealed record EpochDto(
    long RunId,
    int Epoch,
    double TestAccuracy,
    double TestLoss,
    double TrainLoss,
    double Seconds,
    double SamplesPerSecond,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WeightsDto? Weights = null);
