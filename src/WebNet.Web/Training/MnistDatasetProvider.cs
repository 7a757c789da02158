using Microsoft.Extensions.Options;
using WebNet.Core.Data;
using WebNet.Web.Options;

namespace WebNet.Web.Training;

/// <summary>The real MNIST files (checked by SHA-256), read on first use and kept for the app's lifetime.</summary>
public sealed class MnistDatasetProvider(IOptions<WebNetOptions> options) : IDatasetProvider
{
    // PublicationOnly: a failed load (files missing) is retried by the next run instead of cached.
    private readonly Lazy<(Dataset, Dataset)> _data = new(
        () => MnistLoader.Load(string.IsNullOrWhiteSpace(options.Value.MnistPath) ? null : options.Value.MnistPath),
        LazyThreadSafetyMode.PublicationOnly);

    public (Dataset Train, Dataset Test) Load() => _data.Value;
}
