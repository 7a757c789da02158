namespace WebNet.Web.Contracts;

/// <summary>
/// GET /api/drawings/{id}: the drawing as listed, the 28x28 input the network saw when it was labelled (row-major, ink
/// 0..1, as stored; the drawings curve scores exactly these) and what the current model reads in it now (null without one).
/// </summary>
public sealed record DrawingDetailDto(DrawingDto Drawing, float[] Input, CurrentReadingDto? Current);

/// <summary>The current model on a stored input: its digit, the ten probabilities, and which model that is.</summary>
public sealed record CurrentReadingDto(int Digit, double[] Probabilities, AnsweringModelDto Model);
