using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WebNet.Core.Training.Cpu;

/// <summary>
/// A float buffer whose first element sits on a 64-byte cache-line boundary (a pinned array, used from the first
/// aligned element). The CPU backend splits each weight row between threads at whole vectors; in an ordinary array
/// (16-byte aligned) that split falls inside a cache line, and two cores writing the two halves of every row made
/// the two-thread update pass slower than one thread.
/// </summary>
internal sealed class AlignedFloats
{
    private const int LineBytes = 64;
    private readonly float[] _array;
    private readonly int _offset;

    public AlignedFloats(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _array = GC.AllocateArray<float>(length + (LineBytes / sizeof(float)), pinned: true);
        _offset = (int)((LineBytes - (Address(_array) % LineBytes)) % LineBytes) / sizeof(float);
        Length = length;
    }

    public static AlignedFloats Empty { get; } = new(0);

    public int Length { get; }

    public Span<float> Span => _array.AsSpan(_offset, Length);

    public Span<float> AsSpan(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)start + (uint)length, (uint)Length, nameof(length));
        return _array.AsSpan(_offset + start, length);
    }

    private static unsafe nuint Address(float[] array) => (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
}
