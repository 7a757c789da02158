using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;

namespace WebNet.Web.Hubs;

/// <summary>
/// A hub argument sent over MessagePack as a JsonElement, so that it is read by the same JSON reader as one sent over
/// the JSON protocol or as a REST body (the hub's Start: StartRequestReader, which names unknown and mistyped fields).
/// Maps become objects (string or integer keys), binary becomes base64, and floats JSON cannot hold (NaN, infinities)
/// become strings, so a reader that wants a finite number names the field instead of the whole message failing.
/// </summary>
internal sealed class JsonElementFormatter : IMessagePackFormatter<JsonElement>
{
    public static readonly JsonElementFormatter Instance = new();

    public JsonElement Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(ref reader, json, options);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public void Serialize(ref MessagePackWriter writer, JsonElement value, MessagePackSerializerOptions options) =>
        MessagePackSerializer.ConvertFromJson(value.GetRawText(), ref writer, options);

    private static void Write(ref MessagePackReader reader, Utf8JsonWriter json, MessagePackSerializerOptions options)
    {
        // The options' depth limit (untrusted data), as MessagePack's own formatters keep it.
        options.Security.DepthStep(ref reader);
        try
        {
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Nil:
                    reader.ReadNil();
                    json.WriteNullValue();
                    break;
                case MessagePackType.Boolean:
                    json.WriteBooleanValue(reader.ReadBoolean());
                    break;
                case MessagePackType.Integer when reader.NextCode == MessagePackCode.UInt64:
                    json.WriteNumberValue(reader.ReadUInt64());
                    break;
                case MessagePackType.Integer:
                    json.WriteNumberValue(reader.ReadInt64());
                    break;
                case MessagePackType.Float:
                    // A float32 widens to the same value as a double; written shortest round-trip, it reads back exactly.
                    var number = reader.NextCode == MessagePackCode.Float32 ? reader.ReadSingle() : reader.ReadDouble();
                    if (double.IsFinite(number))
                    {
                        json.WriteNumberValue(number);
                    }
                    else
                    {
                        json.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    }

                    break;
                case MessagePackType.String:
                    json.WriteStringValue(reader.ReadString());
                    break;
                case MessagePackType.Binary:
                    json.WriteBase64StringValue(reader.ReadBytes()!.Value.ToArray());
                    break;
                case MessagePackType.Array:
                    json.WriteStartArray();
                    for (var count = reader.ReadArrayHeader(); count > 0; count--)
                    {
                        Write(ref reader, json, options);
                    }

                    json.WriteEndArray();
                    break;
                case MessagePackType.Map:
                    json.WriteStartObject();
                    for (var count = reader.ReadMapHeader(); count > 0; count--)
                    {
                        json.WritePropertyName(reader.NextMessagePackType switch
                        {
                            MessagePackType.String => reader.ReadString() ?? "",
                            MessagePackType.Integer => reader.ReadInt64().ToString(CultureInfo.InvariantCulture),
                            var other => throw new MessagePackSerializationException($"A map key must be a string or an integer, not {other}."),
                        });
                        Write(ref reader, json, options);
                    }

                    json.WriteEndObject();
                    break;
                default:
                    var extension = reader.ReadExtensionFormatHeader();
                    reader.ReadRaw(extension.Length);
                    json.WriteStringValue($"(MessagePack extension type {extension.TypeCode})");
                    break;
            }
        }
        finally
        {
            reader.Depth--;
        }
    }
}
