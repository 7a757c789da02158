using Npgsql;
using NpgsqlTypes;

namespace WebNet.Web.Storage.Postgres;

/// <summary>The imported model, one row shared by every replica: a new import replaces the one before in the same transaction.</summary>
public sealed partial class PostgresRunStore
{
    public void SaveImport(StoredImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var command = new NpgsqlCommand(
                """
                DELETE FROM imported_models;
                INSERT INTO imported_models (document, after_run_id, after_epoch, imported_at) VALUES (@document, @run, @epoch, @at);
                """, connection, transaction);
            command.Parameters.AddWithValue("document", import.Document);
            command.Parameters.Add(new NpgsqlParameter("run", NpgsqlDbType.Bigint) { Value = (object?)import.AfterRunId ?? DBNull.Value });
            command.Parameters.AddWithValue("epoch", import.AfterEpoch);
            command.Parameters.AddWithValue("at", import.ImportedAt.ToUniversalTime());
            command.ExecuteNonQuery();
            transaction.Commit();
            return 0;
        });
    }

    public StoredImport? LatestImport() => database.Use(connection =>
    {
        using var command = new NpgsqlCommand($"SELECT {StoredRows.ImportColumns} FROM imported_models ORDER BY id DESC LIMIT 1;", connection);
        using var reader = command.ExecuteReader();
        return reader.Read() ? StoredRows.Import(reader) : null;
    });
}
