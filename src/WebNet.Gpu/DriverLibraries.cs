using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using ILGPU;

namespace WebNet.Gpu;

/// <summary>
/// ILGPU binds the CUDA driver as "cuda" and OpenCL as "opencl", which .NET looks for on Linux as libcuda.so and
/// libopencl.so: names that only the development packages install. A machine with the driver alone (a server, a
/// container given the GPU) has the sonames libcuda.so.1 and libOpenCL.so.1, and ILGPU would then report no device.
/// When the usual lookup fails, this loads the soname instead.
/// </summary>
internal static class DriverLibraries
{
    private static int _registered;

    public static void Register()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        var ilgpu = typeof(Context).Assembly;
        var loadContext = AssemblyLoadContext.GetLoadContext(ilgpu) ?? AssemblyLoadContext.Default;
        loadContext.ResolvingUnmanagedDll += (assembly, name) => Resolve(ilgpu, assembly, name);
    }

    /// <summary>The soname to try for a library name ILGPU asked for, or null for names this does not handle.</summary>
    public static string? Soname(string libraryName) => libraryName.ToLowerInvariant() switch
    {
        "cuda" or "libcuda" or "libcuda.so" => "libcuda.so.1",
        "opencl" or "libopencl" or "libopencl.so" => "libOpenCL.so.1",
        _ => null,
    };

    private static IntPtr Resolve(Assembly ilgpu, Assembly requesting, string name) =>
        requesting == ilgpu && Soname(name) is { } soname && NativeLibrary.TryLoad(soname, out var handle) ? handle : IntPtr.Zero;
}
