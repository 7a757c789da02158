using System.Diagnostics.CodeAnalysis;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Gpu;

/// <summary>
/// The one backend factory: creates backends by option name: auto (CUDA, then an OpenCL GPU, else the CPU backend), cpu,
/// ilgpu-cpu (ILGPU's CPU simulator: for tests, 40-100x slower than cpu), cuda, opencl. Each ILGPU
/// backend owns its own Context and Accelerator and releases them when disposed.
/// </summary>
public sealed class BackendFactory : ITrainingBackendFactory
{
    private readonly int? _cpuThreads;
    private readonly Action? _cpuWorkerStarted;
    private readonly IThreadBudget? _cpuBudget;

    /// <param name="cpuThreads">Worker threads for the CPU backend (default: one per core).</param>
    /// <param name="cpuWorkerStarted">Runs first on each of the CPU backend's own worker threads (the web app lowers their priority).</param>
    /// <param name="cpuBudget">How many of them may compute at a time (the web app lends the idle core); null: all.</param>
    public BackendFactory(int? cpuThreads = null, Action? cpuWorkerStarted = null, IThreadBudget? cpuBudget = null)
    {
        _cpuThreads = cpuThreads;
        _cpuWorkerStarted = cpuWorkerStarted;
        _cpuBudget = cpuBudget;
    }

    public ITrainingBackend Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var kind = name.Trim().ToLowerInvariant();
        switch (kind)
        {
            case BackendNames.Auto:
                return TryAuto(BackendNames.Cuda) ?? TryAuto(BackendNames.OpenCl) ?? (ITrainingBackend)new CpuBackend(_cpuThreads, workerStarted: _cpuWorkerStarted, budget: _cpuBudget);
            case BackendNames.Cpu:
                return new CpuBackend(_cpuThreads, workerStarted: _cpuWorkerStarted, budget: _cpuBudget);
            case BackendNames.IlgpuCpu or BackendNames.Cuda or BackendNames.OpenCl:
                return TryCreate(kind, out var reason) ?? throw new BackendUnavailableException(reason);
            default:
                throw new BackendUnavailableException($"Unknown backend '{name}'; use one of {string.Join(", ", BackendNames.All)}.");
        }
    }

    /// <summary>Whether a device of the named ILGPU kind (cuda, opencl, ilgpu-cpu) is present, without compiling anything; for skipping tests and for status pages.</summary>
    public static bool IsAvailable(string name, out string reason)
    {
        ArgumentNullException.ThrowIfNull(name);
        var found = TryFindDevice(name.Trim().ToLowerInvariant(), gpuOnly: false, out var context, out _, out reason);
        context?.Dispose();
        return found;
    }

    /// <summary>
    /// auto never fails for a GPU's sake: a device whose driver or kernels do not work here is passed over
    /// (DeviceName shows what was chosen; naming the backend explicitly shows the error).
    /// </summary>
    private static IlgpuBackend? TryAuto(string kind)
    {
        // Creating an ILGPU context compiles several hundred methods (0.6 s of a CLI run's start on 2 cores);
        // without the driver library, or with no OpenCL platform registered, there is nothing for it to find.
        if (!DriverLibraries.MayHaveDevice(kind))
        {
            return null;
        }

        try
        {
            return TryCreate(kind, out _, gpuOnly: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>The ILGPU backend on the first device of the kind, or null with the reason why there is none.</summary>
    private static IlgpuBackend? TryCreate(string kind, out string reason, bool gpuOnly = false)
    {
        if (!TryFindDevice(kind, gpuOnly, out var context, out var device, out reason))
        {
            return null;
        }

        Accelerator? accelerator = null;
        try
        {
            accelerator = device.CreateAccelerator(context);

            // Kernel compilation happens here; a failure is a bug to see, not a missing device.
            return new IlgpuBackend(context, accelerator, kind);
        }
        catch
        {
            accelerator?.Dispose();
            context.Dispose();
            throw;
        }
    }

    /// <summary>A context holding the first usable device of the kind (the caller disposes it), or false with the reason.</summary>
    private static bool TryFindDevice(string kind, bool gpuOnly, [NotNullWhen(true)] out Context? context, [NotNullWhen(true)] out Device? device, out string reason)
    {
        context = null;
        device = null;
        DriverLibraries.Register();
        try
        {
            context = kind switch
            {
                BackendNames.Cuda => Context.Create(builder => builder.Cuda().EnableAlgorithms()),
                BackendNames.OpenCl => Context.Create(builder => builder.OpenCL().EnableAlgorithms()),
                BackendNames.IlgpuCpu => Context.Create(builder => builder.CPU().EnableAlgorithms()),
                _ => throw new BackendUnavailableException($"'{kind}' is not an ILGPU device kind; use cuda, opencl or ilgpu-cpu."),
            };
            device = kind switch
            {
                BackendNames.Cuda => First(context.GetCudaDevices(), _ => true),
                BackendNames.OpenCl => PickOpenCl(context, gpuOnly),
                _ => First(context.GetCPUDevices(), _ => true),
            };
        }
        catch (Exception e) when (e is not (OutOfMemoryException or BackendUnavailableException))
        {
            // A missing or broken driver surfaces as DllNotFoundException, a TypeInitializationException, or an
            // ILGPU/CUDA error from the first call; each means "not available here", said with the cause.
            context?.Dispose();
            context = null;
            reason = $"The {kind} backend could not be started: {e.GetType().Name}: {e.Message}";
            return false;
        }

        if (device is null)
        {
            context.Dispose();
            context = null;
            reason = kind switch
            {
                BackendNames.Cuda => "No CUDA device was found: this machine has no NVIDIA GPU, or its driver (libcuda) is not installed. Use --backend auto or cpu.",
                BackendNames.OpenCl => gpuOnly ? "No OpenCL GPU was found." : "No OpenCL device that ILGPU supports was found: install an OpenCL driver (ICD) for the GPU, or use --backend auto or cpu.",
                _ => "ILGPU offered no CPU accelerator.",
            };
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static CLDevice? PickOpenCl(Context context, bool gpuOnly)
    {
        var devices = context.GetCLDevices();
        var gpu = First(devices, d => d.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU);
        return gpu ?? (gpuOnly ? null : First(devices, _ => true));
    }

    private static T? First<T>(Context.DeviceCollection<T> devices, Func<T, bool> predicate)
        where T : Device
    {
        foreach (var device in devices)
        {
            if (predicate(device))
            {
                return device;
            }
        }

        return null;
    }
}
