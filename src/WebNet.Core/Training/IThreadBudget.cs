namespace WebNet.Core.Training;

/// <summary>
/// How many threads a CPU backend may compute with at this moment. The backend asks before each parallel pass and a
/// worker asks again before it takes another chunk of rows, so a budget that drops takes effect within a chunk. A
/// backend's results do not depend on how many threads computed them, so the budget may change at any time.
/// </summary>
public interface IThreadBudget
{
    /// <summary>Threads allowed now; the backend uses at least one and at most the threads it was made with.</summary>
    int Threads { get; }
}
