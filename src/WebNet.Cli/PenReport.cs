using System.Globalization;
using WebNet.Core.PenStrokes;

namespace WebNet.Cli;

/// <summary>
/// canvas-test's lines for the pen drawings: the accuracy over all of them, then by pen width, ink, tilt and digit
/// size, each bucket with its share of the drawings, as a person would paste them into a README.
/// </summary>
internal static class PenReport
{
    /// <summary>Pen width buckets, as a fraction of the digit height: a pencil, a ballpoint or felt tip, a marker.</summary>
    public const double ThinBelow = 0.04, ThickFrom = 0.09;

    /// <summary>Digit height buckets, as a fraction of the canvas.</summary>
    public const double SmallBelow = 0.4, LargeFrom = 0.6;

    /// <summary>What the drawings were drawn from, for the line before the results.</summary>
    public static string Ranges { get; } = string.Create(CultureInfo.InvariantCulture,
        $"{PenStyle.MinCanvas}-{PenStyle.MaxCanvas} px canvases, digit {100 * PenStyle.MinDigitHeight:F0}-{100 * PenStyle.MaxDigitHeight:F0}% of the height, anywhere, tilt normal with spread {PenStyle.TiltSpreadDegrees:F0} degrees up to {PenStyle.MaxTiltDegrees:F0}, pen {100 * PenStyle.MinPenFraction:0.#}-{100 * PenStyle.MaxPenFraction:F0}% of the digit height (mostly near {100 * PenStyle.ModePenFraction:F0}%), shake on half, {PenInks.All.Count} inks");

    public static IEnumerable<string> Lines(IReadOnlyList<CanvasRenderer.PenCanvas> drawings, IReadOnlyList<int> predictions, string mode)
    {
        var styles = drawings.Select(d => d.Style).ToArray();
        var hits = drawings.Select((d, i) => predictions[i] == d.Label).ToArray();
        var third = PenStyle.MaxTiltDegrees / 3;
        yield return string.Create(CultureInfo.InvariantCulture, $"pen preprocess={mode,-5}  accuracy {100.0 * hits.Count(h => h) / hits.Length,6:F2}%");
        yield return Breakdown("pen width ", styles, hits,
            ($"thin (<{100 * ThinBelow:F0}% of the digit height)", s => s.PenFraction < ThinBelow),
            ($"medium ({100 * ThinBelow:F0}-{100 * ThickFrom:F0}%)", s => s.PenFraction is >= ThinBelow and < ThickFrom),
            ($"thick (>={100 * ThickFrom:F0}%)", s => s.PenFraction >= ThickFrom));
        yield return Breakdown("ink       ", styles, hits,
            [.. PenInks.All.Select(ink => (ink.ToDisplayName(), (Func<PenStyle, bool>)(s => s.Ink == ink)))]);
        yield return Breakdown("tilt      ", styles, hits,
            (string.Create(CultureInfo.InvariantCulture, $"under {third:0.#} degrees"), s => Math.Abs(s.TiltDegrees) < third),
            (string.Create(CultureInfo.InvariantCulture, $"{third:0.#}-{2 * third:0.#}"), s => Math.Abs(s.TiltDegrees) >= third && Math.Abs(s.TiltDegrees) < 2 * third),
            (string.Create(CultureInfo.InvariantCulture, $"{2 * third:0.#}-{PenStyle.MaxTiltDegrees:0.#}"), s => Math.Abs(s.TiltDegrees) >= 2 * third));
        yield return Breakdown("digit size", styles, hits,
            ($"{100 * PenStyle.MinDigitHeight:F0}-{100 * SmallBelow:F0}% of the canvas", s => s.DigitHeight < SmallBelow),
            ($"{100 * SmallBelow:F0}-{100 * LargeFrom:F0}%", s => s.DigitHeight is >= SmallBelow and < LargeFrom),
            ($"{100 * LargeFrom:F0}-{100 * PenStyle.MaxDigitHeight:F0}%", s => s.DigitHeight >= LargeFrom));
    }

    /// <summary>A file name that says what the drawing is: its number, label and style.</summary>
    public static string FileName(int number, CanvasRenderer.PenCanvas drawing) => string.Create(CultureInfo.InvariantCulture,
        $"{number:D5}-label{drawing.Label}-pen-{drawing.Style.Ink.ToDisplayName()}-width{100 * drawing.Style.PenFraction:F0}pct-tilt{(int)Math.Round(drawing.Style.TiltDegrees)}-height{100 * drawing.Style.DigitHeight:F0}pct.png");

    private static string Breakdown(string name, PenStyle[] styles, bool[] hits, params (string Name, Func<PenStyle, bool> Test)[] buckets)
    {
        var parts = buckets.Select(b =>
        {
            var members = Enumerable.Range(0, styles.Length).Where(i => b.Test(styles[i])).ToArray();
            var accuracy = members.Length == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * members.Count(i => hits[i]) / members.Length:F1}%");
            return string.Create(CultureInfo.InvariantCulture, $"{b.Name} {accuracy} (n={members.Length})");
        });
        return $"  {name}  {string.Join(", ", parts)}";
    }
}
