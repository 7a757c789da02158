namespace WebNet.Core.Wire;

/// <summary>
/// An enum's names on the wire (the API, the CLI, model JSON), in one table: each value's name, and the other
/// spellings a reader accepts. Parsing ignores case, surrounding spaces and '_' for '-'.
/// </summary>
public sealed class WireNames<TEnum>
    where TEnum : struct, Enum
{
    private readonly Dictionary<TEnum, string> _names = [];
    private readonly Dictionary<string, TEnum> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="entries">Each value with its wire name first, then any aliases.</param>
    public WireNames(params (TEnum Value, string[] Spellings)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var names = new List<string>();
        foreach (var (value, spellings) in entries)
        {
            _names.Add(value, spellings[0]);
            names.Add(spellings[0]);
            foreach (var spelling in spellings)
            {
                _values.Add(spelling, value);
            }
        }

        Names = names;
    }

    /// <summary>The wire names in table order.</summary>
    public IReadOnlyList<string> Names { get; }

    public string Of(TEnum value) => _names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name} {value} has no wire name.");

    public bool TryParse(string? text, out TEnum value)
    {
        value = default;
        return text is not null && _values.TryGetValue(text.Trim().Replace('_', '-'), out value);
    }
}
