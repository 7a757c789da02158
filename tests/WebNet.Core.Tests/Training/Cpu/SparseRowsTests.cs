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
}
