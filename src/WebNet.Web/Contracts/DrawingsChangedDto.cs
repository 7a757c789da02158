namespace WebNet.Web.Contracts;

/// <summary>
/// The hub's DrawingsChanged: change "labelled", "deleted" or "imported"; id, the drawing labelled or deleted (null for an
/// import); count, how many drawings changed; total, how many the store holds now.
/// </summary>
public sealed record DrawingsChangedDto(string Change, long? Id, int Count, int Total);
