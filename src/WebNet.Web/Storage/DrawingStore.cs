using System.Collections.Concurrent;
using System.Data.Common;
using WebNet.Core.Data;
using WebNet.Core.Drawings;
using WebNet.Core.Network;

namespace WebNet.Web.Storage;

/// <summary>
/// What every drawing store shares above its database: the snapshot of records and inputs kept until the drawings
/// change, the held-out split, and the score of a model on them. A subclass reads and writes the rows. Whether the
/// drawings changed is asked of the database (<see cref="Extent"/>), so a change made by another replica, or another
/// store on the same database, is seen at once.
/// </summary>
public abstract class DrawingStore : IDrawingStore
{
    // A drawing's PNG never changes and ids are never reused, so where it falls in the held-out split is worked out once.
    private readonly ConcurrentDictionary<long, double> _splitPoints = new();
    private DrawingsSnapshot? _snapshot;
    private DrawingsSplit? _split;

    public int Capacity { get; init; } = DrawingSet.MaxDrawings;

    public abstract int Count();

    public abstract IReadOnlyList<long>? Add(IReadOnlyList<(LabelledDrawing Drawing, byte[] Input, int? Answer, string? Model)> drawings, DateTimeOffset createdAt);

    public abstract IReadOnlyList<StoredDrawing> List();

    public abstract byte[]? Png(long id);

    public abstract DrawingSet All();

    public bool Delete(long id)
    {
        var deleted = DeleteRow(id);
        _splitPoints.TryRemove(id, out _);
        return deleted;
    }

    public DrawingsSnapshot Snapshot()
    {
        // The version is read before the rows: a change in between leaves newer rows under an older version, read again next time.
        var version = CurrentVersion();
        var cached = _snapshot;
        if (cached is not null && cached.Version == version)
        {
            return cached;
        }

        var rows = List();
        var snapshot = new DrawingsSnapshot(version, rows, InputsOf(rows));
        _snapshot = snapshot;
        return snapshot;
    }

    public Dataset? Inputs() => Snapshot().Inputs;

    public DrawingsSplit Split(double heldOutShare)
    {
        var snapshot = Snapshot();
        var cached = _split;
        if (cached is not null && cached.Version == snapshot.Version && cached.HeldOutShare == heldOutShare)
        {
            return cached;
        }

        var missing = snapshot.Rows.Where(r => !_splitPoints.ContainsKey(r.Id)).Select(r => r.Id).ToHashSet();
        if (missing.Count > 0)
        {
            foreach (var (id, png) in Pngs())
            {
                if (missing.Contains(id))
                {
                    _splitPoints[id] = LabelledDrawing.SplitPoint(png);
                }
            }
        }

        // A drawing deleted since the snapshot has no point: it is in neither part.
        bool HeldOut(StoredDrawing row) => _splitPoints.TryGetValue(row.Id, out var point) && point < heldOutShare;
        var heldOut = snapshot.Rows.Where(HeldOut).ToList();
        var training = snapshot.Rows.Where(r => _splitPoints.ContainsKey(r.Id) && !HeldOut(r)).ToList();
        var split = new DrawingsSplit(snapshot.Version, heldOutShare, InputsOf(heldOut), InputsOf(training));
        _split = split;
        return split;
    }

    public double? Score(Mlp model, DrawingsTraining use)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(use);
        Dataset? inputs;
        try
        {
            inputs = use.Mixed ? Split(use.HeldOut).HeldOut : Inputs();
        }
        catch (Exception ex) when (ex is DbException or StorageUnavailableException)
        {
            return null;
        }

        if (inputs is null || Core.Classification.DigitClassifier.AnswerEach(model, inputs) is not { } answers)
        {
            return null;
        }

        var correct = 0;
        for (var i = 0; i < answers.Length; i++)
        {
            correct += answers[i] == inputs.Labels[i] ? 1 : 0;
        }

        return correct / (double)inputs.Count;
    }

    /// <summary>Deletes one row; false for an unknown id.</summary>
    protected abstract bool DeleteRow(long id);

    /// <summary>Every drawing's id and PNG, oldest first, read one row at a time.</summary>
    protected abstract IEnumerable<(long Id, byte[] Png)> Pngs();

    /// <summary>How many drawings there are and the highest id (0 when none), read together.</summary>
    protected abstract (long Count, long MaxId) Extent();

    /// <summary>
    /// The drawings' version, from their count and highest id: ids are never reused, so an add raises the highest id and
    /// a delete lowers the count, and two readings can only agree when the rows are the same.
    /// </summary>
    private long CurrentVersion()
    {
        var (count, maxId) = Extent();
        return (count << 40) | maxId;
    }

    private static Dataset? InputsOf(IReadOnlyList<StoredDrawing> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        const int size = Core.Imaging.DigitPreprocessor.FieldSize;
        var pixels = new byte[rows.Count * size * size];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Input.CopyTo(pixels, i * size * size);
        }

        return DrawingArchive.InputsFromBytes(pixels, [.. rows.Select(r => (byte)r.Label)]);
    }
}
