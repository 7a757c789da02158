using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Training.Cpu;

/// <summary>Sparse rows against a plain scan of the dense rows, with row lengths that end inside a vector.</summary>
public sealed class SparseRowsTests
{
    [Theory]
    [InlineData(7, 13)]
    [InlineData(5, 16)]
    [InlineData(3, 37)]
    public void FromDenseKeepsEveryNonZeroInOrder(int rows, int columns)
    {
        var random = new Random(rows * columns);
        var dense = new float[rows * columns];
        for (var i = 0; i < dense.Length; i++)
        {
            dense[i] = random.Next(4) == 0 ? (float)random.NextDouble() + 0.1f : 0f;
        }

        // A row of zeros, and a negative zero, which is background to the dense path too (x != 0 skips it).
        dense.AsSpan(0, columns).Clear();
        dense[columns + 1] = -0f;

        var sparse = SparseRows.FromDense(dense, rows, columns);

        var expected = new List<(int Row, int Column, float Value)>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (dense[(r * columns) + c] != 0f)
                {
                    expected.Add((r, c, dense[(r * columns) + c]));
                }
            }
        }

        var actual = new List<(int Row, int Column, float Value)>();
        for (var r = 0; r < rows; r++)
        {
            for (var k = sparse.RowStart[r]; k < sparse.RowStart[r + 1]; k++)
            {
                actual.Add((r, sparse.Columns[k], sparse.Values[k]));
            }
        }

        Assert.Equal(expected, actual);
        Assert.Equal(expected.Count, sparse.Columns.Length);
        Assert.Equal((double)expected.Count / dense.Length, SparseRows.Density(dense), 12);
    }

    [Fact]
    public void EightBitLevelsArePackedToTheSameColumnsAndValuesAndTheFloatArraysCanGo()
    {
        var random = new Random(5);
        const int Rows = 6;
        const int Columns = 784;
        var levels = new byte[Rows * Columns];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = random.Next(5) == 0 ? (byte)random.Next(1, 256) : (byte)0;
        }

        // As IdxReader scales an image's bytes.
        var dense = new float[levels.Length];
        for (var i = 0; i < dense.Length; i++)
        {
            dense[i] = levels[i] * (1f / 255f);
        }

        var sparse = SparseRows.FromDense(dense, Rows, Columns);
        var packed = Assert.IsType<uint[]>(sparse.Packed);
        for (var k = 0; k < sparse.RowStart[^1]; k++)
        {
            var entries = new PackedEntries(packed.AsSpan(k, 1));
            Assert.Equal(sparse.Columns[k], entries.Column(0));
            Assert.Equal(BitConverter.SingleToInt32Bits(sparse.Values[k]), BitConverter.SingleToInt32Bits(entries.Value(0)));
        }

        sparse.ReleaseUnpacked();
        Assert.Empty(sparse.Columns);
        Assert.Same(packed, sparse.Packed);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(1.5f)]
    [InlineData(-1f / 255f)]
    [InlineData(float.NaN)]
    public void AValueThatIsNotAnEightBitLevelKeepsTheFloatArrays(float odd)
    {
        var dense = new float[3 * 10];
        dense[4] = 7 * (1f / 255f);
        dense[17] = odd;

        var sparse = SparseRows.FromDense(dense, 3, 10);
        sparse.ReleaseUnpacked();

        Assert.Null(sparse.Packed);
        Assert.Equal([4, 7], sparse.Columns);
        Assert.Equal(BitConverter.SingleToInt32Bits(odd), BitConverter.SingleToInt32Bits(sparse.Values[1]));
    }
}
