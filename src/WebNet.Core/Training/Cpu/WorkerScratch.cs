namespace WebNet.Core.Training.Cpu;

/// <summary>Per-task scratch for gathering a dense row's non-zeros.</summary>
internal sealed class WorkerScratch(int width)
{
    public int[] Columns { get; } = new int[width];

    public float[] Values { get; } = new float[width];

    /// <summary>Rows this worker has taken through one layer's forward so far (a row through L layers counts L): for tests.</summary>
    public long LayerRows;

    /// <summary>Chunks of rows this worker has computed so far: for tests.</summary>
    public long Chunks;
}
