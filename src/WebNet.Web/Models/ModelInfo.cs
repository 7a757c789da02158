using WebNet.Core.Training;

namespace WebNet.Web.Models;

/// <summary>Where the current model came from: a training run's epoch, or an import.</summary>
public sealed record ModelInfo(string Source, long? RunId, int? Epoch, double? TestAccuracy, TrainingOptions? Options, DateTimeOffset PublishedAt)
{
    public const string FromTraining = "training";
    public const string FromImport = "import";
}
