namespace WebNet.Cli;

/// <summary>A problem the user can fix: printed as one line, with an exit code, never a stack trace.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 2;
    public const int Data = 3;
    public const int Backend = 4;
    public const int Cancelled = 130;
}
