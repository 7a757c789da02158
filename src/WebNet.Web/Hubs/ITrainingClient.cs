using WebNet.Web.Contracts;

namespace WebNet.Web.Hubs;

/// <summary>The events the server sends on /hubs/training (docs/CONTRACTS.md).</summary>
public interface ITrainingClient
{
    Task RunState(RunStateDto state);

    Task History(HistoryDto history);

    Task EpochCompleted(EpochDto epoch);

    Task EpochProgress(ProgressDto progress);

    /// <summary>The labelled drawings changed (one labelled or deleted, a set imported): dashboards refresh their gallery.</summary>
    Task DrawingsChanged(DrawingsChangedDto change);
}
