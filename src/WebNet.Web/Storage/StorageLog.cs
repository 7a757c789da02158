namespace WebNet.Web.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "The run database {Path} cannot be used: {Reason}. The app goes on without it ({Serving}); /health/ready says not ready until the file is fixed, moved away or WebNet:DataPath names another folder")]
    public static partial void DatabaseUnusable(ILogger logger, Exception exception, string path, string reason, string serving);

    [LoggerMessage(Level = LogLevel.Information, Message = "The run database {Path} was migrated from schema version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string path, int from, int to);
}
