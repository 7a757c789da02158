using WebNet.Core.Wire;

namespace WebNet.Web.Drawings;

/// <summary>What happened to the labelled drawings (the hub's DrawingsChanged): one labelled, one deleted, a set imported.</summary>
public enum DrawingsChange
{
    Labelled,
    Deleted,
    Imported,
}

public static class DrawingsChanges
{
    private static readonly WireNames<DrawingsChange> Wire = new(
        (DrawingsChange.Labelled, ["labelled"]),
        (DrawingsChange.Deleted, ["deleted"]),
        (DrawingsChange.Imported, ["imported"]));

    public static IReadOnlyList<string> Names => Wire.Names;

    public static string ToWireName(this DrawingsChange change) => Wire.Of(change);

    public static bool TryParse(string? text, out DrawingsChange change) => Wire.TryParse(text, out change);
}
