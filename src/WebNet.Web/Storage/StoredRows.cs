using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Training;

namespace WebNet.Web.Storage;

/// <summary>
/// Rows read back the same way from either database: the columns of <see cref="RunColumns"/>, <see cref="EpochColumns"/>
/// and <see cref="CheckpointColumns"/> in that order. SQLite keeps times as ISO 8601 text, PostgreSQL as timestamptz.
/// </summary>
internal static class StoredRows
{
    public const string RunColumns = "id, options, state, message, backend, device, epoch, best_accuracy, started_at, EXISTS (SELECT 1 FROM epochs WHERE run_id = runs.id)";

    public const string EpochColumns = "epoch, test_accuracy, test_loss, train_loss, seconds, samples_per_second, drawings_accuracy";

    public const string CheckpointColumns = "epoch, step, random_state, parameters, optimizer_state";

    public static RunRecord Run(DbDataReader reader) => new(
        reader.GetInt64(0),
        StoredOptions.Read(reader.GetString(1)),
        RunStates.Parse(reader.GetString(2)),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetInt32(6),
        reader.IsDBNull(7) ? null : reader.GetDouble(7),
        Time(reader, 8),
        reader.GetBoolean(9));

    public static EpochDto Epoch(long runId, DbDataReader reader) =>
        new(runId, reader.GetInt32(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5))
        {
            DrawingsAccuracy = reader.IsDBNull(6) ? null : reader.GetDouble(6),
        };

    public static TrainerCheckpoint Checkpoint(DbDataReader reader) => new(
        reader.GetInt32(0),
        MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(3)).ToArray(),
        MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(4)).ToArray(),
        reader.GetInt64(1),
        unchecked((ulong)reader.GetInt64(2)));

    public static StoredDrawing Drawing(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
        Time(reader, 4), (byte[])reader.GetValue(5));

    public const string ImportColumns = "document, after_run_id, after_epoch, imported_at";

    public static StoredImport Import(DbDataReader reader) => new(
        (byte[])reader.GetValue(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetInt32(2), Time(reader, 3));

    /// <summary>
    /// The values a completed epoch is stored with, by parameter name (without the database's prefix): the epochs row,
    /// the snapshot (SnapshotCodec), the checkpoint (floats as bytes, the random state as a signed 64-bit number) and the
    /// run's new state (terminal when it is no longer active).
    /// </summary>
    public static IEnumerable<(string Name, object Value)> EpochValues(long runId, EpochResult result, WeightsDto weights, TrainerCheckpoint checkpoint, RunState state, double? drawingsAccuracy) =>
    [
        ("id", runId), ("epoch", result.Epoch), ("accuracy", result.TestAccuracy), ("testLoss", result.TestLoss), ("trainLoss", result.TrainLoss),
        ("seconds", result.Seconds), ("rate", result.SamplesPerSecond), ("drawings", (object?)drawingsAccuracy ?? DBNull.Value),
        ("weights", SnapshotCodec.Encode(weights)), ("step", checkpoint.OptimizerStep), ("random", unchecked((long)checkpoint.RandomState)),
        ("parameters", MemoryMarshal.AsBytes(checkpoint.Parameters.AsSpan()).ToArray()), ("optimizer", MemoryMarshal.AsBytes(checkpoint.OptimizerState.AsSpan()).ToArray()),
        ("state", state.ToWireName()), ("terminal", !state.IsActive()),
    ];

    /// <summary>
    /// Retention: every snapshot up to WebNet:Storage:KeepAllEpochs, then about KeepLaterEpochs more, spread evenly, and
    /// always the latest. Those kept after the first ones are every stride-th epoch, the stride doubling as the run
    /// grows, so a later pass only ever removes snapshots and never needs one an earlier pass removed. Null when the
    /// run has not passed KeepAllEpochs: nothing to thin.
    /// </summary>
    public static int? ThinningStride(Options.StorageOptions retention, int latest)
    {
        if (latest <= retention.KeepAllEpochs + 1)
        {
            return null;
        }

        var stride = 1;
        while ((latest - retention.KeepAllEpochs) / stride > retention.KeepLaterEpochs)
        {
            stride *= 2;
        }

        return stride;
    }

    private static DateTimeOffset Time(DbDataReader reader, int ordinal) => reader.GetFieldType(ordinal) == typeof(string)
        ? DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture)
        : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
