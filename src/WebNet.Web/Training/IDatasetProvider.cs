using WebNet.Core.Data;

namespace WebNet.Web.Training;

/// <summary>Where training data come from: MNIST in the app, a small synthetic set in tests.</summary>
public interface IDatasetProvider
{
    /// <summary>The training and test sets; loaded once and shared by every run. Throws DataFormatException with the fix when they cannot be read.</summary>
    (Dataset Train, Dataset Test) Load();
}
