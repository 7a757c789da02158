namespace WebNet.Core.Classification;

/// <summary>
/// When an answer is "not sure": the top probability is under <see cref="MinConfidence"/>, or the runner-up has at
/// least <see cref="MaxRunnerUpRatio"/> of the top's probability (e.g. 0.55 and 0.30: two digits both plausible).
/// Probabilities are those of <see cref="Network.OutputProbabilities"/>, so the rule reads the same for softmax and
/// for sigmoid outputs.
/// </summary>
public static class AnswerCertainty
{
    public const double MinConfidence = 0.5;

    public const double MaxRunnerUpRatio = 0.5;

    /// <summary>The runner-up (the most probable digit other than best; the lower index on a tie) and whether the answer is unsure.</summary>
    public static (int RunnerUp, bool Unsure) Judge(ReadOnlySpan<double> probabilities, int best)
    {
        var second = best == 0 ? 1 : 0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            if (k != best && probabilities[k] > probabilities[second])
            {
                second = k;
            }
        }

        var top = probabilities[best];
        return (second, top < MinConfidence || probabilities[second] >= MaxRunnerUpRatio * top);
    }
}
