using WebNet.Core.Network;

namespace WebNet.Core.Training.Cpu;

/// <summary>
/// A block of one layer's WT (In, P): rows [Start, End) by columns [ColumnStart, ColumnEnd), the unit of the
/// update pass. Sparse inputs are split by rows into a few blocks per thread, each holding about the same share of
/// the training set's non-zeros (small enough that a worker held up inside one delays the pass by a fraction of it): a block finds its part of each input row by a binary search, and full-width rows
/// accumulate each non-zero in one go (column blocks repeated the per-non-zero work in every block). Dense inputs
/// are split by rows too, small layers into one block per thread. The block holding row 0 and column 0 also owns
/// the bias.
/// </summary>
internal readonly record struct RowBlock(int Layer, int Start, int End, int ColumnStart, int ColumnEnd)
{
    public bool OwnsBias => Start == 0 && ColumnStart == 0;

    /// <param name="firstLayerInk">Non-zeros per input of the training set when the first layer reads sparse rows, else null.</param>
    public static RowBlock[] Plan(NetworkShape shape, PaddedLayout layout, int threads, long[]? firstLayerInk)
    {
        var blocks = new List<RowBlock>();
        for (var l = 0; l < shape.Layers.Count; l++)
        {
            var rows = shape.Layers[l].Inputs;
            var p = layout.Padded[l];
            var work = (long)rows * p;
            if (work < 8192)
            {
                // A small layer: one block per thread. Each block walks the whole batch, so finer blocks would
                // repeat that walk, and a single block left the whole layer to one worker while the others waited.
                var count = Math.Min(rows, threads);
                for (var k = 0; k < count; k++)
                {
                    blocks.Add(new RowBlock(l, (int)((long)rows * k / count), (int)((long)rows * (k + 1) / count), 0, p));
                }
            }
            else if (l == 0 && firstLayerInk is not null)
            {
                // Worker t takes blocks t, t + threads, ... first, so each row's weights stay in one core; with more
                // than one thread, a few blocks each, so that worker 0 can take over a held-up worker's blocks.
                var total = Math.Max(1, firstLayerInk.Sum());
                var count = Math.Min(rows, threads == 1 ? 1 : FirstLayerBlocksPerThread * threads);
                var start = 0;
                var seen = 0L;
                for (var k = 1; k <= count; k++)
                {
                    var end = start;
                    while (end < rows && (k == count || (seen + firstLayerInk[end]) * count <= total * k || end == start))
                    {
                        seen += firstLayerInk[end];
                        end++;
                    }

                    blocks.Add(new RowBlock(l, start, end, 0, p));
                    start = end;
                }
            }
            else
            {
                var count = Math.Min(rows, 4 * threads);
                for (var k = 0; k < count; k++)
                {
                    blocks.Add(new RowBlock(l, (int)((long)rows * k / count), (int)((long)rows * (k + 1) / count), 0, p));
                }
            }
        }

        return [.. blocks];
    }

    // Two a thread: each block walks the whole batch, so fewer blocks halve the per-row visits (0.052 against 0.054 s a
    // batch-500 epoch, 0.065 against 0.067 at 64, AVX-512); one a thread left no block for worker 0 to take over.
    private const int FirstLayerBlocksPerThread = 2;
}
