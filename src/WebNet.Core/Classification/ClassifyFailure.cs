namespace WebNet.Core.Classification;

/// <summary>Why a drawing got no answer, in the order they are checked.</summary>
public enum ClassifyFailure
{
    /// <summary>The drawing has no ink.</summary>
    Blank,

    /// <summary>No model, or one that does not take 28x28 inputs and give 10 outputs.</summary>
    NoModel,

    /// <summary>A neuron to switch off is not in the model's first hidden layer (or it has none).</summary>
    OffOutOfRange,
}
