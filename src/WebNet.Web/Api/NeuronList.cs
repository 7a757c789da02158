using System.Globalization;

namespace WebNet.Web.Api;

/// <summary>Query values like off=3,17,40: hidden neuron indices, non-negative, comma-separated.</summary>
internal static class NeuronList
{
    /// <summary>False when text is not such a list; an absent or empty value gives null (nothing off).</summary>
    public static bool TryParse(string? text, out HashSet<int>? neurons)
    {
        neurons = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var set = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var j))
            {
                return false;
            }

            set.Add(j);
        }

        neurons = set;
        return true;
    }
}
