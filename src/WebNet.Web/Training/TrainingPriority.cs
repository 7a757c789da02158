using System.Runtime.InteropServices;

namespace WebNet.Web.Training;

/// <summary>
/// Lets the training threads yield to the threads that answer people. Thread.Priority does nothing on Linux
/// (dotnet/runtime#91165); a thread's nice value does, and threads it starts afterwards (the CPU backend's workers)
/// inherit it. A drawing sent while training runs is then classified at once, and training takes what is left.
/// </summary>
internal static partial class TrainingPriority
{
    private const int PrioProcess = 0; // with a thread id as "who", Linux applies it to that thread only

    /// <summary>Gives the calling thread at least this nice value (Linux; BelowNormal priority on Windows); false when refused.</summary>
    public static bool TryLowerCurrentThread(int nice)
    {
        if (nice <= 0)
        {
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            // Only ever lower: a process started under nice 15 keeps 15 (raising it back would need privileges).
            var tid = GetThreadId();
            return GetPriority(PrioProcess, tid) >= nice || SetPriority(PrioProcess, tid, nice) == 0;
        }

        if (OperatingSystem.IsWindows())
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return true;
        }

        return false;
    }

    /// <summary>The calling thread's nice value on Linux (null elsewhere): what the tests check.</summary>
    public static int? CurrentThreadNice() => OperatingSystem.IsLinux() ? GetPriority(PrioProcess, GetThreadId()) : null;

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
