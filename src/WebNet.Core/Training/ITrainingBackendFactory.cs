namespace WebNet.Core.Training;

/// <summary>Creates a backend by its option name (auto, cpu, ilgpu-cpu, cuda, opencl).</summary>
public interface ITrainingBackendFactory
{
    /// <summary>Creates the named backend, or throws <see cref="BackendUnavailableException"/> saying why it cannot be had here.</summary>
    ITrainingBackend Create(string name);
}

/// <summary>The named backend cannot run on this machine (no such device, no driver).</summary>
public sealed class BackendUnavailableException : Exception
{
    public BackendUnavailableException(string message)
        : base(message)
    {
    }

    public BackendUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BackendUnavailableException()
    {
    }
}

/// <summary>The factory for builds without the GPU project: auto and cpu give the CPU backend.</summary>
public sealed class CpuBackendFactory : ITrainingBackendFactory
{
    public ITrainingBackend Create(string name) => name.ToUpperInvariant() switch
    {
        "AUTO" or "CPU" => new CpuBackend(),
        _ => throw new BackendUnavailableException($"The '{name}' backend needs WebNet.Gpu; this build offers only 'cpu'."),
    };
}
