using System.Globalization;
using WebNet.Core.Classification;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Storage;

namespace WebNet.Web.Drawings;

/// <summary>
/// What the current model (the one that answers the pad, ModelStore) reads in each labelled drawing's stored input: the
/// gallery's "the network now says". Read again only when a drawing is added or deleted or another model is published.
/// </summary>
public sealed class CurrentAnswers(IDrawingStore store, ModelStore models)
{
    private Reading? _last;

    public Reading Read()
    {
        var drawings = store.Snapshot();
        var published = models.Snapshot;
        var last = _last;
        if (last is not null && ReferenceEquals(last.Drawings, drawings) && ReferenceEquals(last.Published, published))
        {
            return last;
        }

        var answers = published is null || drawings.Inputs is null ? null : DigitClassifier.AnswerEach(published.Model, drawings.Inputs);
        var reading = new Reading(drawings, answers is null ? null : published, answers);
        _last = reading;
        return reading;
    }

    /// <summary>The drawings with the current model's answer to each (Answers in Drawings.Rows' order; null when no model fits).</summary>
    public sealed record Reading(DrawingsSnapshot Drawings, ModelStore.Published? Published, int[]? Answers)
    {
        /// <summary>The answering model as the drawings name it ("run 3, epoch 12", "import"); null without one.</summary>
        public string? ModelName => Published is null ? null : Name(Model(Published));

        public int? AnswerAt(int index) => Answers?[index];
    }

    /// <summary>A published model as the answer's model: where it came from, its run, epoch and test accuracy.</summary>
    public static AnsweringModelDto Model(ModelStore.Published published)
    {
        ArgumentNullException.ThrowIfNull(published);
        return new AnsweringModelDto(published.Info.Source, published.Info.RunId, published.Info.Epoch, published.Info.TestAccuracy);
    }

    /// <summary>How a labelled drawing names the model that answered: "run 3, epoch 12", or its source ("import").</summary>
    public static string? Name(AnsweringModelDto? model) => model switch
    {
        null => null,
        { RunId: { } run, Epoch: { } epoch } => string.Create(CultureInfo.InvariantCulture, $"run {run}, epoch {epoch}"),
        _ => model.Source,
    };
}
