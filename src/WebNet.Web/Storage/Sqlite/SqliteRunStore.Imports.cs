using System.Globalization;

namespace WebNet.Web.Storage.Sqlite;

/// <summary>The imported model, one row: a new import replaces the one before in the same transaction.</summary>
public sealed partial class SqliteRunStore
{
    public void SaveImport(StoredImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        using var connection = OpenForWriting();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM imported_models;
            INSERT INTO imported_models (document, after_run_id, after_epoch, imported_at) VALUES ($document, $run, $epoch, $at);
            """;
        command.Parameters.AddWithValue("$document", import.Document);
        command.Parameters.AddWithValue("$run", (object?)import.AfterRunId ?? DBNull.Value);
        command.Parameters.AddWithValue("$epoch", import.AfterEpoch);
        command.Parameters.AddWithValue("$at", import.ImportedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public StoredImport? LatestImport()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoredRows.ImportColumns} FROM imported_models ORDER BY id DESC LIMIT 1;";
        using var reader = command.ExecuteReader();
        return reader.Read() ? StoredRows.Import(reader) : null;
    }
}
