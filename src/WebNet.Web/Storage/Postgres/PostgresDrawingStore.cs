using Npgsql;
using NpgsqlTypes;
using WebNet.Core.Drawings;

namespace WebNet.Web.Storage.Postgres;

/// <summary>
/// The labelled drawings in PostgreSQL, shared by every replica: a replica's snapshot of them is read again as soon as
/// any replica adds or deletes one. Adds take a lock of the database, so replicas labelling at once cannot pass the cap
/// together.
/// </summary>
public sealed class PostgresDrawingStore(PostgresDatabase database) : DrawingStore
{
    // Any number: the advisory lock that serializes adds against the cap.
    private const long AddLock = 0x5745424E45540002;

    public override int Count() => database.Use(connection =>
    {
        using var command = new NpgsqlCommand("SELECT count(*) FROM drawings;", connection);
        return (int)(long)command.ExecuteScalar()!;
    });

    public override IReadOnlyList<long>? Add(IReadOnlyList<(LabelledDrawing Drawing, byte[] Input, int? Answer, string? Model)> drawings, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(drawings);
        return database.Use<IReadOnlyList<long>?>(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using (var count = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AddLock}); SELECT count(*) FROM drawings;", connection, transaction))
            using (var reader = count.ExecuteReader())
            {
                reader.NextResult();
                reader.Read();
                if (reader.GetInt64(0) + drawings.Count > Capacity)
                {
                    return null;
                }
            }

            var ids = new List<long>(drawings.Count);
            foreach (var (drawing, input, answer, model) in drawings)
            {
                using var insert = new NpgsqlCommand(
                    "INSERT INTO drawings (label, png, input, answer, model, created_at) VALUES (@label, @png, @input, @answer, @model, @now) RETURNING id;",
                    connection, transaction);
                insert.Parameters.AddWithValue("label", drawing.Label);
                insert.Parameters.AddWithValue("png", drawing.Png);
                insert.Parameters.AddWithValue("input", input);
                insert.Parameters.Add(new NpgsqlParameter("answer", NpgsqlDbType.Integer) { Value = (object?)answer ?? DBNull.Value });
                insert.Parameters.Add(new NpgsqlParameter("model", NpgsqlDbType.Text) { Value = (object?)model ?? DBNull.Value });
                insert.Parameters.AddWithValue("now", createdAt.ToUniversalTime());
                ids.Add((long)insert.ExecuteScalar()!);
            }

            transaction.Commit();
            return ids;
        });
    }

    public override IReadOnlyList<StoredDrawing> List() => database.Use(connection =>
    {
        using var command = new NpgsqlCommand("SELECT id, label, answer, model, created_at, input FROM drawings ORDER BY id;", connection);
        using var reader = command.ExecuteReader();
        var list = new List<StoredDrawing>();
        while (reader.Read())
        {
            list.Add(StoredRows.Drawing(reader));
        }

        return list;
    });

    public override byte[]? Png(long id) => database.Use(connection =>
    {
        using var command = new NpgsqlCommand("SELECT png FROM drawings WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", id);
        return command.ExecuteScalar() as byte[];
    });

    public override DrawingSet All() => database.Use(connection =>
    {
        using var command = new NpgsqlCommand("SELECT label, png FROM drawings ORDER BY id;", connection);
        using var reader = command.ExecuteReader();
        var drawings = new List<LabelledDrawing>();
        while (reader.Read())
        {
            drawings.Add(new LabelledDrawing(reader.GetInt32(0), (byte[])reader.GetValue(1)));
        }

        return new DrawingSet(drawings);
    });

    protected override bool DeleteRow(long id) => database.Use(connection =>
    {
        using var command = new NpgsqlCommand("DELETE FROM drawings WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", id);
        return command.ExecuteNonQuery() == 1;
    });

    protected override IEnumerable<(long Id, byte[] Png)> Pngs() => database.Stream(ReadPngs);

    protected override (long Count, long MaxId) Extent() => database.Use(connection =>
    {
        using var command = new NpgsqlCommand("SELECT count(*), coalesce(max(id), 0) FROM drawings;", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    });

    private static IEnumerable<(long Id, byte[] Png)> ReadPngs(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT id, png FROM drawings ORDER BY id;", connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), (byte[])reader.GetValue(1));
        }
    }
}
