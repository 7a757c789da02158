using System.Runtime.InteropServices;

namespace WebNet.Web.Training;

/// <summary>How far training yields to the threads that answer people (WebNet:Training:Priority).</summary>
public enum TrainingPriorityLevel
{
    /// <summary>The same priority as requests and pushes.</summary>
    Normal,

    /// <summary>Linux nice 10 (Windows BelowNormal): requests come first, training still gets a share when both want a core.</summary>
    Low,

    /// <summary>Linux SCHED_IDLE (Windows Lowest): training runs on the CPU time nothing else wants, so a request never waits behind it.</summary>
    Idle,
}

/// <summary>
/// Lowers the training threads' scheduling priority. Thread.Priority does nothing on Linux (dotnet/runtime#91165);
/// a thread's nice value and scheduling policy do, and threads it starts afterwards (the CPU backend's workers)
/// inherit them. A drawing sent while training runs is then classified at once, and training takes what is left.
/// </summary>
internal static partial class TrainingPriority
{
    private const int PrioProcess = 0; // with a thread id as "who", Linux applies it to that thread only
    private const int SchedIdle = 5;
    private const int LowNice = 10;

    /// <summary>Applies the level to the calling thread; false when the system refused.</summary>
    public static bool TryApplyToCurrentThread(TrainingPriorityLevel level)
    {
        if (level == TrainingPriorityLevel.Normal)
        {
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            var tid = GetThreadId();
            if (level == TrainingPriorityLevel.Idle)
            {
                var param = 0; // struct sched_param { int sched_priority; }: 0 for the normal policies
                return SetScheduler(tid, SchedIdle, ref param) == 0;
            }

            // Only ever lower: a process started under nice 15 keeps 15 (raising it back would need privileges).
            return GetPriority(PrioProcess, tid) >= LowNice || SetPriority(PrioProcess, tid, LowNice) == 0;
        }

        if (OperatingSystem.IsWindows())
        {
            Thread.CurrentThread.Priority = level == TrainingPriorityLevel.Idle ? ThreadPriority.Lowest : ThreadPriority.BelowNormal;
            return true;
        }

        return false;
    }

    /// <summary>The calling thread's nice value and scheduling policy on Linux (null elsewhere): what the tests check.</summary>
    public static (int Nice, int Policy)? CurrentThread() =>
        OperatingSystem.IsLinux() ? (GetPriority(PrioProcess, GetThreadId()), GetScheduler(GetThreadId())) : null;

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SetScheduler(int pid, int policy, ref int param);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler", SetLastError = true)]
    private static partial int GetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
