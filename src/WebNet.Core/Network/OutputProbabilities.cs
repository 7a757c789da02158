namespace WebNet.Core.Network;

/// <summary>A network's outputs read as shares of one answer.</summary>
public static class OutputProbabilities
{
    /// <summary>
    /// Softmax outputs already sum to 1; independent sigmoid scores are divided by their sum. All-zero
    /// outputs give the uniform distribution.
    /// </summary>
    public static double[] From(ReadOnlySpan<float> outputs)
    {
        var sum = 0.0;
        foreach (var v in outputs)
        {
            sum += Math.Max(v, 0f);
        }

        var result = new double[outputs.Length];
        for (var j = 0; j < outputs.Length; j++)
        {
            result[j] = sum > 0 ? Math.Max(outputs[j], 0f) / sum : 1.0 / outputs.Length;
        }

        return result;
    }

    /// <summary>The first index of the largest value (NaN never wins): the network's class for these outputs.</summary>
    public static int Argmax(ReadOnlySpan<float> outputs)
    {
        var best = 0;
        for (var k = 1; k < outputs.Length; k++)
        {
            if (outputs[k] > outputs[best])
            {
                best = k;
            }
        }

        return best;
    }
}
