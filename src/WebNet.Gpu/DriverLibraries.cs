using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using ILGPU;
using WebNet.Core.Training;

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

    /// <summary>
    /// False when a cuda or opencl device surely cannot be found here, checked without ILGPU: on Linux, no CUDA driver
    /// library to load, or no OpenCL ICD loader or no platform registered with it (ocl-icd reads /etc/OpenCL/vendors,
    /// or the folder OCL_ICD_VENDORS names). True otherwise, and on other systems: ILGPU then looks.
    /// </summary>
    public static bool MayHaveDevice(string kind)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        return kind switch
        {
            BackendNames.Cuda => CanLoad("libcuda.so.1") || CanLoad("libcuda.so"),
            BackendNames.OpenCl => (CanLoad("libOpenCL.so.1") || CanLoad("libOpenCL.so")) && HasOpenClVendors(),
            _ => true,
        };
    }

    private static bool CanLoad(string library)
    {
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    private static bool HasOpenClVendors()
    {
        var vendors = Environment.GetEnvironmentVariable("OCL_ICD_VENDORS");
        if (!string.IsNullOrEmpty(vendors))
        {
            // A folder of .icd files, or one library: ocl-icd accepts both.
            return !Directory.Exists(vendors) || Directory.EnumerateFiles(vendors, "*.icd").Any();
        }

        return Directory.Exists("/etc/OpenCL/vendors") && Directory.EnumerateFiles("/etc/OpenCL/vendors", "*.icd").Any();
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
