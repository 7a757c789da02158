using System.Globalization;
using System.Text.Json;

namespace WebNet.Core.Serialization;

/// <summary>Typed reads from a parsed document that fail with a <see cref="ModelFormatException"/> naming the path.</summary>
internal static class JsonChecks
{
    public static ModelFormatException Error(string path, string problem) =>
        path.Length == 0 ? new($"The document {problem}", path: null) : new($"{path} {problem}", path);

    /// <summary>
    /// The object's properties by name, rejecting duplicates and type hints ("$type", "$id", "$ref", ...): a
    /// model is plain data, and a document that asks for a type is meant for a different, unsafe reader.
    /// </summary>
    public static Dictionary<string, JsonElement> Object(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"must be an object, not {Describe(element)}.");
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = Join(path, property.Name);
            if (property.Name.StartsWith('$'))
            {
                throw Error(at, "is a type or reference hint; model files are plain data and such hints are not accepted.");
            }

            if (!properties.TryAdd(property.Name, property.Value))
            {
                throw Error(at, "appears twice.");
            }
        }

        return properties;
    }

    public static JsonElement Required(Dictionary<string, JsonElement> properties, string path, string name) =>
        properties.TryGetValue(name, out var value) ? value : throw Error(Join(path, name), "is missing.");

    public static JsonElement? Optional(Dictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string String(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Error(path, $"must be a string, not {Describe(element)}.");

    public static int Int(JsonElement element, string path, int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            throw Error(path, $"must be a whole number, not {Describe(element)}.");
        }

        return value >= min && value <= max ? value : throw Error(path, $"is {value}; it must be between {min} and {max}.");
    }

    public static double Double(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw Error(path, $"must be a finite number, not {Describe(element)}.");
        }

        return value;
    }

    /// <summary>An array of exactly count finite float32 numbers, written into destination.</summary>
    public static void Floats(JsonElement element, string path, int count, Span<float> destination)
    {
        var length = ArrayLength(element, path);
        if (length != count)
        {
            throw Error(path, $"has {length} numbers, expected {count}.");
        }

        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            destination[i] = Float(item, $"{path}[{i}]");
            i++;
        }
    }

    public static float Float(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            // NaN and Infinity are not JSON numbers; writers that emit them anyway use strings.
            throw Error(path, $"must be a finite number, not {Describe(element)}.");
        }

        var value = (float)element.GetDouble();
        return float.IsFinite(value) ? value : throw Error(path, $"is {element.GetRawText()}, which is outside the float32 range.");
    }

    public static int ArrayLength(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : throw Error(path, $"must be an array, not {Describe(element)}.");

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(element.GetRawText())}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
