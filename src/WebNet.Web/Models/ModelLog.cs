namespace WebNet.Web.Models;

internal static partial class ModelLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The imported model answers, but it could not be kept in the run database, so a restart forgets it: {Reason}")]
    public static partial void ImportNotStored(ILogger logger, Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored imported model cannot be read any more and is not restored: {Reason}")]
    public static partial void ImportUnreadable(ILogger logger, Exception exception, string reason);
}
