namespace WebNet.Web.Training;

internal static partial class TrainingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} {State} on {Backend} ({Device})")]
    public static partial void RunStateChanged(ILogger logger, long runId, RunState state, string backend, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} epoch {Epoch}: test accuracy {Accuracy:P2}, train loss {TrainLoss:F4}, {Seconds:F2} s")]
    public static partial void EpochCompleted(ILogger logger, long runId, int epoch, double accuracy, double trainLoss, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId}: evaluating epoch {Epoch} on the test set")]
    public static partial void Evaluating(ILogger logger, long runId, int epoch);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: epoch {Epoch} failed (attempt {Attempt}); retrying from the last checkpoint")]
    public static partial void EpochFailed(ILogger logger, Exception exception, long runId, int epoch, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed: {Reason}")]
    public static partial void RunFailed(ILogger logger, Exception exception, long runId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} diverged at epoch {Epoch}")]
    public static partial void RunDiverged(ILogger logger, long runId, int epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} paused for want of disk space: {Reason}")]
    public static partial void PausedForSpace(ILogger logger, long runId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} paused: the run database does not answer: {Reason}")]
    public static partial void PausedForStorage(ILogger logger, long runId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run database does not answer at start-up; trying again in {Seconds} s: {Reason}")]
    public static partial void StorageNotReady(ILogger logger, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} trains on {Mixed} labelled drawings, each {Copies} times; its drawings curve scores the {HeldOut} held out")]
    public static partial void DrawingsMixed(ILogger logger, long runId, int mixed, int copies, int heldOut);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A hub push failed")]
    public static partial void PushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training runs at normal priority: the system refused priority {Priority}")]
    public static partial void PriorityRefused(ILogger logger, TrainingPriorityLevel priority);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training could not start at start-up: {Reason}")]
    public static partial void AutoStartFailed(ILogger logger, Exception exception, string reason);
}
