namespace WebNet.Web.Contracts;

/// <summary>How a run uses the labelled drawings (as in <see cref="DrawingsRequest"/>): copies 0 leaves them out of training.</summary>
public sealed record DrawingsTrainingDto(int Copies, double HeldOut);
