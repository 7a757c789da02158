using System.Text.Json;
using System.Text.Json.Serialization;
using WebNet.Core.Serialization;

namespace WebNet.Core.Tests.Serialization;

/// <summary>The classify answer's input array: the same JSON text as System.Text.Json's own float[] writer, read back the same.</summary>
public class MostlyZeroFloatsConverterTests
{
    private sealed record Holder([property: JsonConverter(typeof(MostlyZeroFloatsConverter))] float[] Values);

    private sealed record Plain(float[] Values);

    [Fact]
    public void WritesTheSameTextAsTheDefaultWriter()
    {
        var random = new Random(7);
        var values = new float[784];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(4) == 0 ? (float)random.NextDouble() : 0f;
        }

        values[1] = -0f;
        values[2] = float.Epsilon;
        values[3] = 1f;
        values[4] = 1e-30f;
        values[5] = -0.25f;

        var ours = JsonSerializer.Serialize(new Holder(values), JsonSerializerOptions.Web);
        var theirs = JsonSerializer.Serialize(new Plain(values), JsonSerializerOptions.Web);
        Assert.Equal(theirs, ours);
        Assert.Contains("-0,", ours, StringComparison.Ordinal);
        Assert.Equal(values, JsonSerializer.Deserialize<Holder>(ours, JsonSerializerOptions.Web)!.Values);
    }

    [Fact]
    public void NotANumberFailsAsTheDefaultWriterDoes()
    {
        Assert.Throws<ArgumentException>(() => JsonSerializer.Serialize(new Plain([0f, float.NaN]), JsonSerializerOptions.Web));
        Assert.Throws<ArgumentException>(() => JsonSerializer.Serialize(new Holder([0f, float.NaN]), JsonSerializerOptions.Web));
    }
}
