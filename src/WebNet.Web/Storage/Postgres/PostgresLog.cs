namespace WebNet.Web.Storage.Postgres;

internal static partial class PostgresLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL at {Location} does not answer at start-up; the schema is checked on first use once it does, and until then /health/ready says not ready")]
    public static partial void NotReachable(ILogger logger, Exception exception, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL at {Location} does not answer: training and run history answer 503 until it is back")]
    public static partial void Unavailable(ILogger logger, Exception exception, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL at {Location}: schema created or migrated from version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string location, int from, int to);
}
