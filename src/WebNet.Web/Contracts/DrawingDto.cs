namespace WebNet.Web.Contracts;

/// <summary>
/// A labelled drawing: the digit the person said it is (label), what the answering model read (answer, null when none
/// answered) and which model that was, when it was kept, and where its PNG is (image: GET it for the drawing as sent).
/// </summary>
public sealed record DrawingDto(long Id, int Label, int? Answer, string? Model, DateTimeOffset CreatedAt, string Image);

/// <summary>POST /api/drawings/import's answer: how many drawings the zip added and how many the store now holds.</summary>
public sealed record DrawingImportDto(int Imported, int Total);

/// <summary>DELETE /api/drawings/{id}'s answer: the drawing deleted and how many the store still holds.</summary>
public sealed record DrawingDeletedDto(long Id, int Total);
