using WebNet.Core.Imaging;

namespace WebNet.Core.Classification;

/// <summary>
/// How to classify a drawing. Off: first-hidden-layer neurons forced to 0. Explain: add gradient x input for Target
/// (null: the predicted digit). Compare: a second mode to answer with too, from the same ink (no second decode).
/// </summary>
public readonly record struct ClassifyOptions(
    PreprocessMode Mode,
    IReadOnlySet<int>? Off = null,
    bool Explain = false,
    int? Target = null,
    PreprocessMode? Compare = null);
