using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using WebNet.Core.Data;
using WebNet.Core.Drawings;
using WebNet.Core.Network;

namespace WebNet.Web.Storage;

/// <summary>
/// The drawings people labelled, in their own table of the app's SQLite database (<see cref="RunStore.DatabasePath"/>, created by Schema):
/// the PNG as drawn, the label, the 28x28 input the network saw (bytes 0-255), the model that answered and its answer.
/// At most <see cref="DrawingSet.MaxDrawings"/> are kept; a full store refuses more rather than dropping old ones.
/// </summary>
public sealed class DrawingStore
{
    private readonly RunStore _runs;
    private readonly Lock _gate = new();
    // A drawing's PNG never changes, so where it falls in the held-out split is worked out once.
    private readonly ConcurrentDictionary<long, double> _splitPoints = new();
    private long _version;
    private DrawingsSnapshot? _snapshot;
    private DrawingsSplit? _split;

    public DrawingStore(RunStore runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        _runs = runs;
    }

    public int Capacity { get; init; } = DrawingSet.MaxDrawings;

    public int Count()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM drawings;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Stores the drawings in one transaction, kept at createdAt, and returns their ids; null (nothing stored) when they would not fit.</summary>
    public IReadOnlyList<long>? Add(IReadOnlyList<(LabelledDrawing Drawing, byte[] Input, int? Answer, string? Model)> drawings, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(drawings);
        lock (_gate)
        {
            using var connection = _runs.Connect(write: true);
            using var transaction = connection.BeginTransaction();
            using (var count = connection.CreateCommand())
            {
                count.CommandText = "SELECT count(*) FROM drawings;";
                if (Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture) + drawings.Count > Capacity)
                {
                    return null;
                }
            }

            var ids = new List<long>(drawings.Count);
            var now = createdAt.ToString("O", CultureInfo.InvariantCulture);
            foreach (var (drawing, input, answer, model) in drawings)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO drawings (label, png, input, answer, model, created_at) VALUES ($label, $png, $input, $answer, $model, $now);
                    SELECT last_insert_rowid();
                    """;
                insert.Parameters.AddWithValue("$label", drawing.Label);
                insert.Parameters.AddWithValue("$png", drawing.Png);
                insert.Parameters.AddWithValue("$input", input);
                insert.Parameters.AddWithValue("$answer", (object?)answer ?? DBNull.Value);
                insert.Parameters.AddWithValue("$model", (object?)model ?? DBNull.Value);
                insert.Parameters.AddWithValue("$now", now);
                ids.Add((long)insert.ExecuteScalar()!);
            }

            transaction.Commit();
            Interlocked.Increment(ref _version);
            return ids;
        }
    }

    /// <summary>Every drawing's record, oldest first (without its PNG).</summary>
    public IReadOnlyList<StoredDrawing> List()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, label, answer, model, created_at, input FROM drawings ORDER BY id;";
        using var reader = command.ExecuteReader();
        var list = new List<StoredDrawing>();
        while (reader.Read())
        {
            list.Add(new StoredDrawing(
                reader.GetInt64(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture), (byte[])reader.GetValue(5)));
        }

        return list;
    }

    /// <summary>One drawing's PNG as it was sent; null for an unknown id.</summary>
    public byte[]? Png(long id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT png FROM drawings WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>Every drawing as a set (PNG and label), oldest first: what the export writes.</summary>
    public DrawingSet All()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT label, png FROM drawings ORDER BY id;";
        using var reader = command.ExecuteReader();
        var drawings = new List<LabelledDrawing>();
        while (reader.Read())
        {
            drawings.Add(new LabelledDrawing(reader.GetInt32(0), (byte[])reader.GetValue(1)));
        }

        return new DrawingSet(drawings);
    }

    public bool Delete(long id)
    {
        using var connection = _runs.Connect(write: true);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM drawings WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        var deleted = command.ExecuteNonQuery() == 1;
        _splitPoints.TryRemove(id, out _);
        Interlocked.Increment(ref _version);
        return deleted;
    }

    /// <summary>
    /// The stored drawings' records and inputs (what the network saw when each was labelled, bytes read as IDX readers
    /// read them), oldest first, read together so they always match; kept until a drawing is added or deleted.
    /// </summary>
    public DrawingsSnapshot Snapshot()
    {
        var version = Interlocked.Read(ref _version);
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

    /// <summary>The stored inputs as a dataset, oldest first; null when there are none.</summary>
    public Dataset? Inputs() => Snapshot().Inputs;

    /// <summary>
    /// The stored inputs split by each drawing's own bytes (<see cref="LabelledDrawing.IsHeldOut"/>) at heldOutShare: the
    /// held-out part, which the curve of a run that trains on the drawings scores, and the rest, which it trains on.
    /// </summary>
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
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, png FROM drawings ORDER BY id;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (missing.Contains(reader.GetInt64(0)))
                {
                    _splitPoints[reader.GetInt64(0)] = LabelledDrawing.SplitPoint((byte[])reader.GetValue(1));
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

    /// <summary>
    /// A model's accuracy on the drawings its run may be scored on, the fraction it reads as labelled: every drawing, or
    /// the held-out part only when the run trains on the others (an honest test). Null without such drawings or when the
    /// database cannot be read (the epoch is stored and shown all the same).
    /// </summary>
    public double? Score(Mlp model, DrawingsTraining use)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(use);
        Dataset? inputs;
        try
        {
            inputs = use.Mixed ? Split(use.HeldOut).HeldOut : Inputs();
        }
        catch (Exception ex) when (ex is SqliteException or StorageUnavailableException)
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

    private SqliteConnection Open() => _runs.Connect(write: false);
}
