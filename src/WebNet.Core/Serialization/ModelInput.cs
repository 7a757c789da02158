using WebNet.Core.Imaging;

namespace WebNet.Core.Serialization;

/// <summary>What the network reads: a Width x Height grid of ink made with the given preprocessing.</summary>
public sealed record ModelInput(int Width, int Height, PreprocessMode Preprocess)
{
    public static ModelInput Mnist { get; } = new(28, 28, PreprocessMode.Mnist);
}
