using System.Text.Json.Serialization;

namespace WebNet.Web.Contracts;

/// <summary>
/// One completed epoch (epoch 0 is the untrained network). Weights only travel with EpochCompleted. DrawingsAccuracy:
/// the same model scored on the drawings people labelled, the curve beside the MNIST test accuracy.
/// </summary>
public sealed record EpochDto(
    long RunId,
    int Epoch,
    double TestAccuracy,
    double TestLoss,
    double TrainLoss,
    double Seconds,
    double SamplesPerSecond,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WeightsDto? Weights = null)
{
    /// <summary>The epoch's model on the labelled drawings (POST /api/drawings), a fraction; null when there were none.</summary>
    public double? DrawingsAccuracy { get; init; }
}
