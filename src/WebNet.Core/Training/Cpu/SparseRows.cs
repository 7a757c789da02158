using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WebNet.Core.Training.Cpu;

/// <summary>
/// A dataset's images in compressed sparse rows: MNIST is about 19% ink, so the first layer's products
/// skip the background. Row r's non-zeros are Columns/Values[RowStart[r]..RowStart[r+1]), columns ascending, or the
/// same range of <see cref="Packed"/>.
/// </summary>
internal sealed class SparseRows
{
    private SparseRows(int[] rowStart, int[] columns, float[] values)
    {
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int[] RowStart { get; }

    /// <summary>
    /// The non-zeros again as <see cref="PackedEntries"/> (four bytes each, not eight: a shuffled batch's rows come from
    /// memory in half the cache lines), when every value is a level of an 8-bit image, as MNIST's are; else null.
    /// </summary>
    public uint[]? Packed => _unpackable == 0 ? _packed : null;

    private uint[] _packed = [];
    private int _unpackable;

    public int[] Columns { get; private set; }

    public float[] Values { get; private set; }

    /// <summary>Non-zeros per column over all rows.</summary>
    public long[] ColumnCounts(int columns)
    {
        var counts = new long[columns];
        for (var k = 0; k < RowStart[^1]; k++)
        {
            counts[Column(k)]++;
        }

        return counts;
    }

    /// <summary>
    /// Where each row splits between column blocks: row r's non-zeros with columns in [Bounds[k], Bounds[k + 1]) are
    /// Columns/Values[Splits[r (K + 1) + k]..Splits[r (K + 1) + k + 1]), K the blocks. Set by <see cref="SplitBy"/> and
    /// kept by rebuilds (<see cref="FillRows"/>); empty until then.
    /// </summary>
    public int[] Splits { get; private set; } = [];

    /// <summary>The blocks' column bounds that <see cref="Splits"/> follows: 0, the blocks' ends, the last the column count.</summary>
    public int[] Bounds { get; private set; } = [];

    /// <summary>Splits every row at the column bounds (ascending, from 0 to the column count), in parts that workers run at once.</summary>
    public void SplitBy(int[] bounds)
    {
        Bounds = bounds;
        Splits = new int[(RowStart.Length - 1) * bounds.Length];
    }

    /// <summary>Rows start..end's <see cref="Splits"/>: one walk along each row, its columns ascending.</summary>
    public void SplitRows(int start, int end)
    {
        var bounds = Bounds;
        if (bounds.Length == 0)
        {
            return;
        }

        var width = bounds.Length;
        for (var r = start; r < end; r++)
        {
            var k = RowStart[r];
            var e = RowStart[r + 1];
            var at = r * width;
            for (var b = 0; b < width - 1; b++)
            {
                while (k < e && Column(k) < bounds[b])
                {
                    k++;
                }

                Splits[at + b] = k;
            }

            Splits[at + width - 1] = e;
        }
    }

    /// <summary>
    /// Asks the cache for row r ahead of its use. A shuffled batch's rows lie scattered over the data set (60,000
    /// MNIST rows are 72 MB), and the hardware prefetcher only follows a row once it has missed on it.
    /// </summary>
    public void Prefetch(int r) => Prefetch(RowStart[r], RowStart[r + 1]);

    /// <summary>Asks the cache for the non-zeros [start, end): of <see cref="Packed"/> when packed, else of Columns/Values.</summary>
    public unsafe void Prefetch(int start, int end)
    {
        if (!Sse.IsSupported || start >= end)
        {
            return;
        }

        if (Packed is { } packed)
        {
            fixed (uint* entries = packed)
            {
                for (var k = start; k < end; k += 16)
                {
                    Sse.Prefetch0(entries + k);
                }

                Sse.Prefetch0(entries + end - 1);
            }

            return;
        }

        fixed (int* columns = Columns)
        fixed (float* values = Values)
        {
            // 16 four-byte values a cache line; the last line too when the range starts mid-line.
            for (var k = start; k < end; k += 16)
            {
                Sse.Prefetch0(columns + k);
                Sse.Prefetch0(values + k);
            }

            Sse.Prefetch0(columns + end - 1);
            Sse.Prefetch0(values + end - 1);
        }
    }

    /// <summary>
    /// Rebuilding in place from new dense rows, in parts that workers run at once: <see cref="CountRows"/> for every
    /// part, then <see cref="StartRows"/> once, then <see cref="FillRows"/> for every part. The rows keep their count.
    /// </summary>
    public void CountRows(ReadOnlySpan<float> dense, int columns, int start, int end)
    {
        for (var r = start; r < end; r++)
        {
            RowStart[r + 1] = CountNonZero(dense.Slice(r * columns, columns));
        }
    }

    /// <summary>Turns the counts into row starts, and grows the arrays when the non-zeros outgrew them (an eighth to spare, for rebuilds whose ink varies).</summary>
    public void StartRows(bool spare = true)
    {
        RowStart[0] = 0;
        for (var r = 1; r < RowStart.Length; r++)
        {
            RowStart[r] += RowStart[r - 1];
        }

        var count = RowStart[^1];
        if (count > _packed.Length)
        {
            _packed = new uint[count + (spare ? count / 8 : 0)];
        }

        if (count > Columns.Length)
        {
            Columns = new int[_packed.Length];
            Values = new float[_packed.Length];
        }

        _unpackable = 0;
    }

    /// <summary>Rows start..end's non-zeros from the dense rows, and their <see cref="Splits"/> when the rows are split.</summary>
    public void FillRows(ReadOnlySpan<float> dense, int columns, int start, int end)
    {
        FillValues(dense, columns, start, end);
        SplitRows(start, end);
    }

    private void FillValues(ReadOnlySpan<float> dense, int columns, int start, int end)
    {
        for (var r = start; r < end; r++)
        {
            var k = RowStart[r];
            var row = dense.Slice(r * columns, columns);
            var c = 0;
            for (; c + Vector256<float>.Count <= columns; c += Vector256<float>.Count)
            {
                if (Vector256.EqualsAll(Vector256.Create(row.Slice(c, Vector256<float>.Count)), Vector256<float>.Zero))
                {
                    continue;
                }

                for (var i = c; i < c + Vector256<float>.Count; i++)
                {
                    if (row[i] != 0f)
                    {
                        Set(k, i, row[i]);
                        k++;
                    }
                }
            }

            for (; c < columns; c++)
            {
                if (row[c] != 0f)
                {
                    Set(k, c, row[c]);
                    k++;
                }
            }
        }
    }

    /// <summary>
    /// Lets the column and value arrays go once every value is packed (the packed entries hold them in half the
    /// memory); a later rebuild allocates them again.
    /// </summary>
    public void ReleaseUnpacked()
    {
        if (Packed is not null)
        {
            Columns = [];
            Values = [];
        }
    }

    /// <summary>Non-zero k's column, from whichever storage holds it.</summary>
    private int Column(int k) => Packed is { } packed ? (int)(packed[k] & 0xFFFF) : Columns[k];

    private void Set(int k, int column, float value)
    {
        Columns[k] = column;
        Values[k] = value;
        if (PackedEntries.TryPack(column, value, out var packed))
        {
            _packed[k] = packed;
        }
        else
        {
            _unpackable = 1;
        }
    }

    /// <summary>Non-zeros over all entries of the rows.</summary>
    public double Density(int columns) => RowStart.Length <= 1 ? 0 : (double)RowStart[^1] / ((RowStart.Length - 1) * (long)columns);

    public static double Density(ReadOnlySpan<float> dense) => dense.IsEmpty ? 0 : (double)CountNonZero(dense) / dense.Length;

    /// <summary>Rows not yet counted, to be built in parts by <see cref="CountRows"/>, <see cref="StartRows"/> and <see cref="FillRows"/>.</summary>
    public static SparseRows Uncounted(int rows) => new(new int[rows + 1], [], []);

    /// <summary>Non-zeros of the rows counted so far (after <see cref="CountRows"/> for every part, before <see cref="StartRows"/>).</summary>
    public long CountedNonZeros()
    {
        var total = 0L;
        foreach (var count in RowStart.AsSpan(1))
        {
            total += count;
        }

        return total;
    }

    public static SparseRows FromDense(ReadOnlySpan<float> dense, int rows, int columns)
    {
        var sparse = new SparseRows(new int[rows + 1], [], []);
        sparse.CountRows(dense, columns, 0, rows);
        sparse.StartRows(spare: false);
        sparse.FillRows(dense, columns, 0, rows);
        return sparse;
    }

    /// <summary>Values other than zero (either sign; NaN counts), a vector at a time.</summary>
    private static int CountNonZero(ReadOnlySpan<float> values)
    {
        var count = 0;
        var i = 0;
        for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
        {
            var zero = Vector256.Equals(Vector256.Create(values.Slice(i, Vector256<float>.Count)), Vector256<float>.Zero);
            count += Vector256<float>.Count - BitOperations.PopCount(zero.ExtractMostSignificantBits());
        }

        for (; i < values.Length; i++)
        {
            if (values[i] != 0f)
            {
                count++;
            }
        }

        return count;
    }
}
