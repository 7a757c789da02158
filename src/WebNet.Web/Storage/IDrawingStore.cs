using WebNet.Core.Data;
using WebNet.Core.Drawings;
using WebNet.Core.Network;

namespace WebNet.Web.Storage;

/// <summary>
/// The drawings people labelled: the PNG as drawn, the label, the 28x28 input the network saw (bytes 0-255), the model
/// that answered and its answer. At most <see cref="Capacity"/> are kept; a full store refuses more rather than dropping
/// old ones. Kept beside the runs (<see cref="IRunStore"/>), in the same database.
/// </summary>
public interface IDrawingStore
{
    int Capacity { get; }

    int Count();

    /// <summary>Stores the drawings in one transaction, kept at createdAt, and returns their ids; null (nothing stored) when they would not fit.</summary>
    IReadOnlyList<long>? Add(IReadOnlyList<(LabelledDrawing Drawing, byte[] Input, int? Answer, string? Model)> drawings, DateTimeOffset createdAt);

    /// <summary>Every drawing's record, oldest first (without its PNG).</summary>
    IReadOnlyList<StoredDrawing> List();

    /// <summary>One drawing's PNG as it was sent; null for an unknown id.</summary>
    byte[]? Png(long id);

    /// <summary>Every drawing as a set (PNG and label), oldest first: what the export writes.</summary>
    DrawingSet All();

    bool Delete(long id);

    /// <summary>
    /// The stored drawings' records and inputs (what the network saw when each was labelled, bytes read as IDX readers
    /// read them), oldest first, read together so they always match; kept until a drawing is added or deleted.
    /// </summary>
    DrawingsSnapshot Snapshot();

    /// <summary>The stored inputs as a dataset, oldest first; null when there are none.</summary>
    Dataset? Inputs();

    /// <summary>
    /// The stored inputs split by each drawing's own bytes (<see cref="LabelledDrawing.IsHeldOut"/>) at heldOutShare: the
    /// held-out part, which the curve of a run that trains on the drawings scores, and the rest, which it trains on.
    /// </summary>
    DrawingsSplit Split(double heldOutShare);

    /// <summary>
    /// A model's accuracy on the drawings its run may be scored on, the fraction it reads as labelled: every drawing, or
    /// the held-out part only when the run trains on the others (an honest test). Null without such drawings or when the
    /// database cannot be read (the epoch is stored and shown all the same).
    /// </summary>
    double? Score(Mlp model, DrawingsTraining use);
}
