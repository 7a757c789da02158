using System.Globalization;

namespace WebNet.Core.Drawings;

/// <summary>
/// How a run uses the labelled drawings beside MNIST: <see cref="Copies"/>, how many times the drawings outside the
/// held-out part are mixed into the training set (oversampled, so a few hundred weigh against 60,000 digits; 0, the
/// default, trains on MNIST alone), and <see cref="HeldOut"/>, the share of the drawings kept out of training for the
/// drawings curve (<see cref="LabelledDrawing.IsHeldOut"/>: chosen by each drawing's bytes, so a drawing keeps its
/// side). Named as the CLI's <c>--drawings-copies</c> and <c>--drawings-held-out</c>, and the start body's
/// <c>drawings: { copies, heldOut }</c>.
/// </summary>
public sealed record DrawingsTraining
{
    /// <summary>The most copies a run mixes in.</summary>
    public const int MaxCopies = 1000;

    public const double DefaultHeldOut = 0.5;

    /// <summary>No drawings in training (the presets' choice).</summary>
    public static DrawingsTraining None { get; } = new();

    public int Copies { get; init; }

    public double HeldOut { get; init; } = DefaultHeldOut;

    /// <summary>Whether drawings are mixed into training: then only the held-out part may score the drawings curve.</summary>
    public bool Mixed => Copies > 0;

    /// <summary>The fields' names (camelCase, drawings.x as in the API and the model JSON), in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["copies", "heldOut"];

    /// <summary>Field name (drawings.copies, drawings.heldOut) to messages; empty when usable.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Copies is < 0 or > MaxCopies)
        {
            yield return ("drawings.copies", string.Create(CultureInfo.InvariantCulture, $"drawings.copies must be a whole number from 0 (the drawings are not trained on) to {MaxCopies}."));
        }

        if (!double.IsFinite(HeldOut) || HeldOut <= 0 || HeldOut > 1)
        {
            yield return ("drawings.heldOut", "drawings.heldOut must be a share above 0 and at most 1 (the part of the drawings kept out of training for the curve).");
        }
    }
}
