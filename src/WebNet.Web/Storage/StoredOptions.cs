using System.Text.Json;
using System.Text.Json.Serialization;
using WebNet.Core.Augmentation;
using WebNet.Core.Drawings;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Web.Storage;

/// <summary>
/// A run's options as the runs table keeps them: Core's <see cref="TrainingOptions"/> itself as JSON, its words by their
/// wire names (the layout every stored row has had, so older rows read as they are), read back without going through the
/// start request's checks: what was stored was checked when the run started. Fields a row lacks (schedule, augmentation,
/// drawings, added later) take their defaults: runs stored before them had none.
/// </summary>
internal static class StoredOptions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters =
        {
            new Wire<Activation>(a => a.ToWireName(), Activations.TryParse),
            new Wire<Cost>(c => c.ToWireName(), Costs.TryParse),
            new Wire<Initializer>(i => i.ToWireName(), Initializers.TryParse),
            new Wire<Optimizer>(o => o.ToWireName(), Optimizers.TryParse),
            new Wire<LearningRateSchedule>(s => s.ToWireName(), LearningRateSchedules.TryParse),
        },
    };

    public static string Write(TrainingOptions options) => JsonSerializer.Serialize(options, Json);

    public static TrainingOptions Read(string json)
    {
        var options = JsonSerializer.Deserialize<TrainingOptions>(json, Json) ?? throw new InvalidDataException("A stored run's options are empty.");

        // A row may say null where it means none (augmentation, drawings before they existed).
        options = options.Augmentation is null ? options with { Augmentation = AugmentationOptions.None } : options;
        return options.Drawings is null ? options with { Drawings = DrawingsTraining.None } : options;
    }

    private delegate bool Parser<T>(string? text, out T value);

    private sealed class Wire<T>(Func<T, string> name, Parser<T> parse) : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            parse(reader.GetString(), out var value) ? value : throw new JsonException($"'{reader.GetString()}' is not a {typeof(T).Name} this version knows.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(name(value));
    }
}
