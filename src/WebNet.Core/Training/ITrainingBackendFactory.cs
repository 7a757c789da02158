namespace WebNet.Core.Training;

/// <summary>Creates a backend by its option name (auto, cpu, ilgpu-cpu, cuda, opencl).</summary>
public interface ITrainingBackendFactory
{
    /// <summary>Creates the named backend, or throws <see cref="BackendUnavailableException"/> saying why it cannot be had here.</summary>
    ITrainingBackend Create(string name);
}
