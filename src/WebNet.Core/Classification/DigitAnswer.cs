using System.Text.Json.Serialization;
using WebNet.Core.Imaging;
using WebNet.Core.Insight;
using WebNet.Core.Serialization;
using WebNet.Core.Strokes;

namespace WebNet.Core.Classification;

/// <summary>
/// What the network answers for one drawing. Digit: the first argmax of Outputs (Out); Probabilities (Out) sum to 1
/// (<see cref="Network.OutputProbabilities"/>); Input (28*28) row-major is what the network read. BoundingBox (source
/// pixels), Shift, CentreOfMass and Scale come from the preprocessor; Steps from stroke preprocessing only. Unsure,
/// RunnerUp and RunnerUpProbability follow <see cref="AnswerCertainty"/>. Explanation exists when it was asked for.
/// Serialised as it stands (camelCase) it is the server's classify answer without the model that answered.
/// </summary>
public sealed record DigitAnswer(
    int Digit,
    double Confidence,
    double[] Probabilities,
    float[] Outputs,
    [property: JsonConverter(typeof(MostlyZeroFloatsConverter))] float[] Input,
    [property: JsonIgnore] PreprocessMode Mode,
    InkBounds? BoundingBox,
    FieldShift? Shift,
    float Scale,
    FieldPoint? CentreOfMass,
    StrokeSteps? Steps,
    bool Unsure,
    int RunnerUp,
    double RunnerUpProbability,
    [property: JsonIgnore] InputExplanation? Explanation)
{
    /// <summary>The preprocessing's wire name.</summary>
    public string Preprocess => Mode.ToWireName();
}
