using WebNet.Core.Data;
using WebNet.Core.Imaging;
using WebNet.Core.Insight;
using WebNet.Core.Network;

namespace WebNet.Core.Classification;

/// <summary>
/// The one path from a drawing to a digit, for the web app, the CLI and the bench alike: the ink is preprocessed
/// (<see cref="DigitPreprocessor"/>), run through the network with any neurons off, read as probabilities, judged
/// (<see cref="AnswerCertainty"/>) and, on request, explained (<see cref="InputAttribution"/>). A compare mode answers
/// for the same ink a second way, so a caller that shows both decodes the drawing once.
/// </summary>
public static class DigitClassifier
{
    public const int InputSize = DigitPreprocessor.FieldSize * DigitPreprocessor.FieldSize;

    public const int Classes = 10;

    /// <summary>Whether a model can classify drawings: 28x28 inputs and 10 outputs.</summary>
    public static bool Fits(Mlp? model) => model is { Shape.InputSize: InputSize, Shape.OutputSize: Classes };

    /// <summary>From a PNG's cropped ink (<see cref="CanvasInkReader"/>) or a whole grid (<see cref="InkCrop.Whole"/>). Failures are checked in <see cref="ClassifyFailure"/>'s order.</summary>
    public static DigitClassification Classify(Mlp? model, InkCrop drawing, ClassifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        var prepared = DigitPreprocessor.Process(drawing, options.Mode);
        if (prepared.Blank)
        {
            return Fail(ClassifyFailure.Blank, "The drawing has no ink; draw a digit first.");
        }

        if (!Fits(model))
        {
            return Fail(ClassifyFailure.NoModel, model is null
                ? "There is no model yet."
                : $"The model ({model.Shape}) does not take {InputSize} inputs and give {Classes} outputs.");
        }

        if (OffProblem(model!, options.Off) is { } problem)
        {
            return Fail(ClassifyFailure.OffOutOfRange, problem);
        }

        var answer = Answer(model!, prepared, options);
        var compared = options.Compare is { } other
            ? Answer(model!, DigitPreprocessor.Process(drawing, other), options with { Explain = false })
            : null;
        return new DigitClassification(answer, compared, null, null);
    }

    /// <summary>The first index of the largest output: the network's digit, wherever a digit is read from outputs.</summary>
    public static int Argmax(ReadOnlySpan<float> outputs) => OutputProbabilities.Argmax(outputs);

    /// <summary>
    /// The digit the model reads in each of inputs' 28x28 images (inputs already preprocessed, as the labelled drawings'
    /// are stored): what the drawings curve scores and the gallery shows. Null when the model does not fit.
    /// </summary>
    public static int[]? AnswerEach(Mlp? model, Dataset inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!Fits(model) || inputs.InputSize != InputSize)
        {
            return null;
        }

        var answers = new int[inputs.Count];
        var outputs = new float[Classes];
        for (var i = 0; i < inputs.Count; i++)
        {
            model!.Predict(inputs.Image(i), outputs);
            answers[i] = Argmax(outputs);
        }

        return answers;
    }

    private static DigitAnswer Answer(Mlp model, PreprocessResult prepared, ClassifyOptions options)
    {
        InputExplanation? explanation = null;
        float[] outputs;
        if (options.Explain)
        {
            // Attribution runs the forward pass itself; its outputs are the answer's.
            explanation = InputAttribution.Explain(model, prepared.Input, options.Target, options.Off);
            outputs = explanation.Outputs;
        }
        else
        {
            outputs = model.Forward(prepared.Input, options.Off)[^1];
        }

        var probabilities = OutputProbabilities.From(outputs);
        var digit = Argmax(outputs);
        var (runnerUp, unsure) = AnswerCertainty.Judge(probabilities, digit);
        return new DigitAnswer(
            digit, probabilities[digit], probabilities, outputs, prepared.Input, prepared.Mode,
            prepared.BoundingBox, prepared.Shift, prepared.Scale, prepared.CentreOfMass, prepared.Steps,
            unsure, runnerUp, probabilities[runnerUp], explanation);
    }

    private static string? OffProblem(Mlp model, IReadOnlySet<int>? off)
    {
        if (off is not { Count: > 0 })
        {
            return null;
        }

        var hidden = model.Shape.Layers.Count > 1 ? model.Shape.Layers[0].Outputs : 0;
        if (hidden == 0)
        {
            return "The model has no hidden layer, so no neuron can be switched off.";
        }

        return off.Any(j => (uint)j >= (uint)hidden) ? $"The model's first hidden layer has neurons 0..{hidden - 1}." : null;
    }

    private static DigitClassification Fail(ClassifyFailure failure, string detail) => new(null, null, failure, detail);
}
