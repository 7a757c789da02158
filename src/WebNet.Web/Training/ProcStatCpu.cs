using Microsoft.Win32.SafeHandles;

namespace WebNet.Web.Training;

/// <summary>
/// Linux's counters: the first line of /proc/stat (user nice system idle iowait irq softirq steal, in clock ticks,
/// summed over the cores) and utime and stime of /proc/self/stat, in the same ticks. Both files stay open and are read
/// again from their start into one buffer, so a reading allocates nothing. Elsewhere TryRead says false.
/// </summary>
public sealed class ProcStatCpu : IMachineCpu, IDisposable
{
    private readonly SafeFileHandle? _stat;
    private readonly SafeFileHandle? _self;
    private readonly byte[] _buffer = new byte[1024];
    private readonly Lock _lock = new();

    public ProcStatCpu()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/stat"))
        {
            return;
        }

        _stat = File.OpenHandle("/proc/stat");
        _self = File.OpenHandle("/proc/self/stat");
        Cores = File.ReadLines("/proc/stat").Count(line => line.StartsWith("cpu", StringComparison.Ordinal) && line.Length > 3 && char.IsAsciiDigit(line[3]));
    }

    public int Cores { get; } = Environment.ProcessorCount;

    public bool TryRead(out CpuTicks ticks)
    {
        ticks = default;
        if (_stat is null || _self is null)
        {
            return false;
        }

        lock (_lock)
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice": guest time is inside user already.
            var line = _buffer.AsSpan(0, RandomAccess.Read(_stat, _buffer, 0));
            Span<long> cpu = stackalloc long[8];
            if (!ReadFields(line[3..], 0, cpu))
            {
                return false;
            }

            // "pid (comm) state ppid ...": utime and stime are fields 14 and 15, the 12th and 13th after the ')' that
            // closes comm (which may itself hold spaces or brackets).
            var self = _buffer.AsSpan(0, RandomAccess.Read(_self, _buffer, 0));
            Span<long> times = stackalloc long[2];
            if (!ReadFields(self[(self.LastIndexOf((byte)')') + 1)..], 11, times))
            {
                return false;
            }

            var total = 0L;
            foreach (var value in cpu)
            {
                total += value;
            }

            ticks = new CpuTicks(total, cpu[3] + cpu[4], times[0] + times[1]);
            return true;
        }
    }

    public void Dispose()
    {
        _stat?.Dispose();
        _self?.Dispose();
    }

    /// <summary>The numbers after skip space-separated fields of text, into values; false when the text runs out first.</summary>
    private static bool ReadFields(ReadOnlySpan<byte> text, int skip, Span<long> values)
    {
        var field = 0;
        var at = 0;
        while (field < skip + values.Length)
        {
            while (at < text.Length && text[at] == (byte)' ')
            {
                at++;
            }

            if (at == text.Length || text[at] == (byte)'\n')
            {
                return false;
            }

            var value = 0L;
            for (; at < text.Length && text[at] is >= (byte)'0' and <= (byte)'9'; at++)
            {
                value = (value * 10) + (text[at] - '0');
            }

            while (at < text.Length && text[at] is not (byte)' ' and not (byte)'\n')
            {
                at++;
            }

            if (field >= skip)
            {
                values[field - skip] = value;
            }

            field++;
        }

        return true;
    }
}
