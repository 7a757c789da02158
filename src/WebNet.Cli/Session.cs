using WebNet.Core.Data;
using WebNet.Core.Training;
using WebNet.Gpu;

namespace WebNet.Cli;

/// <summary>Loading the data and creating the backend, with the CLI's error messages.</summary>
internal static class Session
{
    public static ITrainingBackendFactory BackendFactory { get; } = new BackendFactory();

    public static (Dataset Train, Dataset Test) LoadData(string? folder, TextWriter log)
    {
        log.WriteLine($"Loading MNIST from {folder ?? MnistLoader.DefaultPath} ...");
        try
        {
            return MnistLoader.Load(folder);
        }
        catch (DataFormatException e)
        {
            throw new CliException(e.Message, ExitCodes.Data);
        }
        catch (IOException e)
        {
            throw new CliException($"Could not read the MNIST data: {e.Message}", ExitCodes.Data);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException($"Could not read the MNIST data: {e.Message}", ExitCodes.Data);
        }
    }

    public static ITrainingBackend CreateBackend(string name)
    {
        try
        {
            return BackendFactory.Create(name);
        }
        catch (BackendUnavailableException e)
        {
            throw new CliException($"--backend: {e.Message}", ExitCodes.Backend);
        }
    }
}
