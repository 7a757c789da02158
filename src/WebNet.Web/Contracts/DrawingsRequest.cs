namespace WebNet.Web.Contracts;

/// <summary>
/// A start request's drawings (the CLI's --drawings-copies and --drawings-held-out): each field overrides the preset's
/// (copies 0, heldOut 0.5). Copies: how many times the labelled drawings outside the held-out part are mixed into the
/// training set (0 to 1000; 0 trains on MNIST alone). HeldOut: the share of the drawings (above 0, at most 1) kept out of
/// training, chosen by each drawing's bytes; a run that mixes drawings in scores its drawings curve on that part only.
/// </summary>
public sealed record DrawingsRequest
{
    public int? Copies { get; init; }

    public double? HeldOut { get; init; }
}
