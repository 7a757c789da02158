using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WebNet.Core.Training.Cpu;

/// <summary>A run of one sparse row's non-zeros, columns ascending: what the sparse kernels read, in either storage.</summary>
internal interface ISparseEntries
{
    int Length { get; }

    int Column(int k);

    float Value(int k);
}

/// <summary>Non-zeros as a column array and a value array (any values).</summary>
internal readonly ref struct FloatEntries : ISparseEntries
{
    private readonly ReadOnlySpan<int> _columns;
    private readonly ReadOnlySpan<float> _values;

    public FloatEntries(ReadOnlySpan<int> columns, ReadOnlySpan<float> values)
    {
        Debug.Assert(columns.Length == values.Length);
        _columns = columns;
        _values = values;
    }

    public int Length => _columns.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Column(int k) => Unsafe.Add(ref MemoryMarshal.GetReference(_columns), k);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Value(int k) => Unsafe.Add(ref MemoryMarshal.GetReference(_values), k);
}

/// <summary>
/// Non-zeros of 8-bit images in four bytes each, half of <see cref="FloatEntries"/>: the column in the low 16 bits and
/// the pixel level (1-255) above, the value being level * (1/255) exactly as <see cref="Data.IdxReader"/> computes it.
/// </summary>
internal readonly ref struct PackedEntries(ReadOnlySpan<uint> packed) : ISparseEntries
{
    private readonly ReadOnlySpan<uint> _packed = packed;

    public int Length => _packed.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Column(int k) => (int)(Unsafe.Add(ref MemoryMarshal.GetReference(_packed), k) & 0xFFFF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Value(int k) => Level(Unsafe.Add(ref MemoryMarshal.GetReference(_packed), k) >> 16);

    /// <summary>The value of a pixel level: one rounded multiply, as the loader scales the IDX bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Level(uint level) => (int)level * Scale;

    /// <summary>The packed entry of (column, value), or false when the value is not a level of an 8-bit image (or the column is over 16 bits).</summary>
    public static bool TryPack(int column, float value, out uint packed)
    {
        var level = MathF.Round(value * 255f);
        packed = 0;
        if (column is < 0 or > 0xFFFF || !(level is >= 1f and <= 255f) || Level((uint)level) != value)
        {
            return false;
        }

        packed = (uint)column | ((uint)level << 16);
        return true;
    }

    private const float Scale = 1f / 255f;
}
