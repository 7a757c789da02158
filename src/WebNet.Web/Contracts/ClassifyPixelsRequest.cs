namespace WebNet.Web.Contracts;

/// <summary>POST /api/classify as JSON: Width x Height grey ink values 0..1 (ink 1, background 0), row-major.</summary>
public sealed record ClassifyPixelsRequest(double[]? Pixels, int Width, int Height);
