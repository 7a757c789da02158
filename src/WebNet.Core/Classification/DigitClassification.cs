namespace WebNet.Core.Classification;

/// <summary>
/// <see cref="DigitClassifier.Classify"/>'s outcome: either Answer (and Compared, the same drawing under the compare
/// mode, when one was asked for), or Failure with Detail, a sentence for the person who sent the drawing.
/// </summary>
public sealed record DigitClassification(DigitAnswer? Answer, DigitAnswer? Compared, ClassifyFailure? Failure, string? Detail);
