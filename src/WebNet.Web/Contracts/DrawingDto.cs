using System.Text.Json.Serialization;

namespace WebNet.Web.Contracts;

/// <summary>
/// A labelled drawing: the digit the person said it is (label), what the answering model read (answer, null when none
/// answered) and which model that was, when it was kept, and where its PNG is (image: GET it for the drawing as sent).
/// GET /api/drawings adds what the current model reads in its stored input now (currentAnswer, currentModel), when a
/// model can answer; the fields are absent otherwise, and from POST's answer, whose answer is that reading.
/// </summary>
public sealed record DrawingDto(long Id, int Label, int? Answer, string? Model, DateTimeOffset CreatedAt, string Image)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CurrentAnswer { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CurrentModel { get; init; }
}

/// <summary>POST /api/drawings/import's answer: how many drawings the zip added and how many the store now holds.</summary>
public sealed record DrawingImportDto(int Imported, int Total);

/// <summary>DELETE /api/drawings/{id}'s answer: the drawing deleted and how many the store still holds.</summary>
public sealed record DrawingDeletedDto(long Id, int Total);
