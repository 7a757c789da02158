namespace WebNet.Web.Cluster;

internal static partial class ClusterLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "This replica holds the trainer lease (PostgreSQL session {Session})")]
    public static partial void LeaseAcquired(ILogger logger, int session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The trainer lease cannot be tried: {Reason}")]
    public static partial void LeaseUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This replica lost the trainer lease: {Reason}")]
    public static partial void LeaseLost(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This replica stopped training: it no longer holds the trainer lease")]
    public static partial void TrainingHandedOver(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing an epoch failed, so this replica gives the trainer lease up (the run resumes from its last checkpoint): {Reason}")]
    public static partial void LeaseGivenUp(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the shared run failed: {Reason}")]
    public static partial void SyncFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not take a message on {Channel}: {Reason}")]
    public static partial void RedisFailed(ILogger logger, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A forwarded control message could not be read: {Reason}")]
    public static partial void BadControlMessage(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Following run {RunId}: answering with the model of epoch {Epoch}")]
    public static partial void ModelFollowed(ILogger logger, long runId, int epoch);
}
