namespace WebNet.Web.Contracts;

/// <summary>GET /api/insight/confusion: counts[actual][predicted] on the test set (rows the true label, columns the prediction).</summary>
public sealed record ConfusionDto(int Classes, int Total, int Correct, double Accuracy, int[][] Counts);

/// <summary>One cell of the confusion matrix: its count and up to limit of its test images (ascending test index).</summary>
public sealed record ConfusionCellDto(int Actual, int Predicted, int Count, IReadOnlyList<TestImageDto> Images);

/// <summary>
/// A test image: pixels is base64 of width*height bytes, row-major, ink = byte / 255; probabilities are the
/// model's normalised outputs (as /api/classify gives them).
/// </summary>
public sealed record TestImageDto(int Index, int Label, int Predicted, int Width, int Height, string Pixels, double[] Probabilities);
