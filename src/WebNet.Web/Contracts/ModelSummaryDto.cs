namespace WebNet.Web.Contracts;

/// <summary>PUT /api/model's answer: the model now served. Format is the file's format (webnet-mlp or machine.academy).</summary>
public sealed record ModelSummaryDto(string Source, string Format, string Shape, int Parameters, int? Epochs, double? TestAccuracy);
