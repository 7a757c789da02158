using WebNet.Core.Classification;
using WebNet.Core.Strokes;

namespace WebNet.Web.Contracts;

/// <summary>
/// POST /api/insight/explain's answer: the classify essentials (digit, confidence, probabilities, raw outputs, the
/// 28x28 input the network read, preprocess, the neurons off, steps, unsure with the runner-up, the model) and why.
/// Target: the digit explained (the query's digit, else the predicted one); score: its output pre-activation z;
/// hidden (K): the first hidden layer's activations, off neurons 0; contributions (784, row-major like input):
/// input_i * dz/dinput_i, positive for ink that argues for target. Compare: as in <see cref="ClassifyResponse"/>.
/// </summary>
public sealed record ExplainResponse(
    int Digit,
    double Confidence,
    double[] Probabilities,
    float[] Outputs,
    float[] Input,
    string Preprocess,
    int[] Off,
    int Target,
    float Score,
    float[] Hidden,
    float[] Contributions,
    StrokeSteps? Steps,
    bool Unsure,
    int RunnerUp,
    double RunnerUpProbability,
    AnsweringModelDto? Model,
    ClassifyResponse? Compare)
{
    /// <summary>An answer classified with Explain on; off as the request listed it.</summary>
    public static ExplainResponse From(DigitAnswer answer, IReadOnlySet<int>? off, AnsweringModelDto? model, DigitAnswer? compared)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var why = answer.Explanation ?? throw new ArgumentException("The answer was classified without an explanation.", nameof(answer));
        int[] offList = off is null ? [] : [.. off.Order()];
        return new(
            answer.Digit, answer.Confidence, answer.Probabilities, answer.Outputs, answer.Input, answer.Preprocess, offList,
            why.Target, why.Score, why.Hidden, why.Contributions, answer.Steps, answer.Unsure, answer.RunnerUp,
            answer.RunnerUpProbability, model, compared is null ? null : ClassifyResponse.From(compared, null));
    }
}
