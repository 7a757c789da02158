namespace WebNet.Web.Storage;

/// <summary>
/// The imported model as PUT /api/model received it (the model JSON, validated before it was stored), and where
/// training stood when it came: the latest run and its completed epochs (null and 0 before any run). At start-up the
/// import answers again only while training has not moved on since.
/// </summary>
public sealed record StoredImport(byte[] Document, long? AfterRunId, int AfterEpoch, DateTimeOffset ImportedAt);
