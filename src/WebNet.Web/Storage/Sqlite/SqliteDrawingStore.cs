using System.Globalization;
using Microsoft.Data.Sqlite;
using WebNet.Core.Drawings;

namespace WebNet.Web.Storage.Sqlite;

/// <summary>
/// The labelled drawings in their own table of the app's SQLite database (<see cref="SqliteRunStore.DatabasePath"/>,
/// created by SqliteSchema), opened under the run store's fault rules.
/// </summary>
public sealed class SqliteDrawingStore : DrawingStore
{
    private readonly SqliteRunStore _runs;
    private readonly Lock _gate = new();

    public SqliteDrawingStore(SqliteRunStore runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        _runs = runs;
    }

    public override int Count()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM drawings;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public override IReadOnlyList<long>? Add(IReadOnlyList<(LabelledDrawing Drawing, byte[] Input, int? Answer, string? Model)> drawings, DateTimeOffset createdAt)
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
            return ids;
        }
    }

    public override IReadOnlyList<StoredDrawing> List()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, label, answer, model, created_at, input FROM drawings ORDER BY id;";
        using var reader = command.ExecuteReader();
        var list = new List<StoredDrawing>();
        while (reader.Read())
        {
            list.Add(StoredRows.Drawing(reader));
        }

        return list;
    }

    public override byte[]? Png(long id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT png FROM drawings WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() as byte[];
    }

    public override DrawingSet All()
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

    protected override bool DeleteRow(long id)
    {
        using var connection = _runs.Connect(write: true);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM drawings WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() == 1;
    }

    protected override IEnumerable<(long Id, byte[] Png)> Pngs()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, png FROM drawings ORDER BY id;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), (byte[])reader.GetValue(1));
        }
    }

    protected override (long Count, long MaxId) Extent()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(max(id), 0) FROM drawings;";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private SqliteConnection Open() => _runs.Connect(write: false);
}
