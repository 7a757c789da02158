namespace WebNet.Web.Contracts;

/// <summary>
/// The model that answered a classify or explain request: source "training" (a run's epoch), "import" (PUT
/// /api/model) or "run" (a finished run's final model, asked for with run=ID); testAccuracy is that epoch's, 0..1.
/// </summary>
public sealed record AnsweringModelDto(string Source, long? RunId, int? Epoch, double? TestAccuracy);
