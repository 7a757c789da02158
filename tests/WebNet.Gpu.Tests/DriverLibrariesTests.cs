namespace WebNet.Gpu.Tests;

public sealed class DriverLibrariesTests
{
    [Theory]
    [InlineData("cuda", "libcuda.so.1")]
    [InlineData("libcuda.so", "libcuda.so.1")]
    [InlineData("OpenCL", "libOpenCL.so.1")]
    [InlineData("opencl", "libOpenCL.so.1")]
    [InlineData("nvvm", null)]
    [InlineData("libc", null)]
    public void IlgpusDriverNamesMapToTheirSonames(string name, string? soname) =>
        Assert.Equal(soname, DriverLibraries.Soname(name));

    /// <summary>
    /// Where the OpenCL loader is installed under its soname alone (Debian's ocl-icd-libopencl1 without the -dev
    /// package), looking for OpenCL devices must load it: before the fallback ILGPU never opened it and said "no device".
    /// </summary>
    [OpenClSonameOnlyFact]
    public void LookingForOpenClDevicesLoadsTheLoaderBySoname()
    {
        BackendFactory.IsAvailable(Core.Training.BackendNames.OpenCl, out _);

        Assert.Contains("libOpenCL.so.1", File.ReadAllText("/proc/self/maps"), StringComparison.Ordinal);
    }

    private sealed class OpenClSonameOnlyFactAttribute : FactAttribute
    {
        public OpenClSonameOnlyFactAttribute()
        {
            if (!OperatingSystem.IsLinux() || !SonameOnly("libOpenCL.so.1", "libopencl.so", "libOpenCL.so"))
            {
                Skip = "Needs Linux with libOpenCL.so.1 and no libopencl.so (Debian: ocl-icd-libopencl1 without its -dev package).";
            }
        }
    }

    private static bool SonameOnly(string soname, params string[] devNames)
    {
        string[] folders = ["/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu"];
        return folders.Any(f => File.Exists(Path.Combine(f, soname)))
            && !folders.Any(f => devNames.Any(n => File.Exists(Path.Combine(f, n))));
    }
}
