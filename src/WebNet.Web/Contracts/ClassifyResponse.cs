using System.Text.Json.Serialization;
using WebNet.Core.Classification;
using WebNet.Core.Imaging;
using WebNet.Core.Serialization;
using WebNet.Core.Strokes;

namespace WebNet.Web.Contracts;

/// <summary>
/// POST /api/classify's answer (Core's <see cref="DigitAnswer"/> and the model that gave it). Probabilities sum to 1
/// (sigmoid outputs are normalised; outputs keeps them raw); input is the 28x28 picture the network read. BoundingBox
/// (source pixels), shift (28x28 pixels, how far centring the centre of mass moved the digit) and centreOfMass exist
/// for preprocess=mnist and stroke with ink; scale is output pixels per source pixel; steps exists for
/// preprocess=stroke. Unsure follows <see cref="AnswerCertainty"/>, with the runner-up digit and its probability.
/// Model: who answered (null only where the server does not say). Compare: the same drawing with the compare=
/// preprocessing, without model or compare of its own; null unless asked for.
/// </summary>
public sealed record ClassifyResponse(
    int Digit,
    double Confidence,
    double[] Probabilities,
    float[] Outputs,
    [property: JsonConverter(typeof(MostlyZeroFloatsConverter))] float[] Input,
    string Preprocess,
    InkBounds? BoundingBox,
    FieldShift? Shift,
    float Scale,
    FieldPoint? CentreOfMass,
    StrokeSteps? Steps,
    bool Unsure,
    int RunnerUp,
    double RunnerUpProbability,
    AnsweringModelDto? Model,
    ClassifyResponse? Compare)
{
    /// <summary>The Core answer as sent (its arrays are not copied).</summary>
    public static ClassifyResponse From(DigitAnswer answer, AnsweringModelDto? model, DigitAnswer? compared = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(
            answer.Digit, answer.Confidence, answer.Probabilities, answer.Outputs, answer.Input, answer.Preprocess,
            answer.BoundingBox, answer.Shift, answer.Scale, answer.CentreOfMass, answer.Steps,
            answer.Unsure, answer.RunnerUp, answer.RunnerUpProbability, model,
            compared is null ? null : From(compared, null));
    }
}
