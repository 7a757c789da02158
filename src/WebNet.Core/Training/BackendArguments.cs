using WebNet.Core.Data;
using WebNet.Core.Network;

namespace WebNet.Core.Training;

/// <summary>The argument checks every <see cref="ITrainingBackend.Initialize"/> shares.</summary>
public static class BackendArguments
{
    /// <summary>Throws unless the network fits the data: its inputs are the images' pixels and its outputs the classes.</summary>
    public static void CheckInitialize(NetworkShape shape, TrainingOptions options, Dataset train, Dataset test)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.InputSize != shape.InputSize || test.InputSize != shape.InputSize)
        {
            throw new ArgumentException($"The network takes {shape.InputSize} inputs but the data have {train.InputSize} (train) and {test.InputSize} (test).");
        }

        if (train.Classes != shape.OutputSize)
        {
            throw new ArgumentException($"The network has {shape.OutputSize} outputs but the data have {train.Classes} classes.");
        }
    }
}
