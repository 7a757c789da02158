using WebNet.Core.Wire;

namespace WebNet.Core.Training;

/// <summary>How the learning rate changes from epoch to epoch.</summary>
public enum LearningRateSchedule
{
    /// <summary>The options' learning rate in every epoch.</summary>
    Constant,

    /// <summary>Cosine annealing over the run: lr * (1 + cos(pi e / E)) / 2 in epoch e of E (e from 0), so the last epochs take small steps.</summary>
    Cosine,
}

public static class LearningRateSchedules
{
    private static readonly WireNames<LearningRateSchedule> Wire = new((LearningRateSchedule.Constant, ["constant"]), (LearningRateSchedule.Cosine, ["cosine"]));

    public static IReadOnlyList<string> Names => Wire.Names;

    public static string ToWireName(this LearningRateSchedule schedule) => Wire.Of(schedule);

    public static bool TryParse(string? text, out LearningRateSchedule schedule) => Wire.TryParse(text, out schedule);

    /// <summary>The learning rate of epoch (0 for the first) of a run of epochs; constant returns learningRate itself.</summary>
    public static float Rate(this LearningRateSchedule schedule, float learningRate, int epoch, int epochs) => schedule switch
    {
        LearningRateSchedule.Constant => learningRate,
        LearningRateSchedule.Cosine => (float)(learningRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(epoch, 0, epochs) / Math.Max(1, epochs)))),
        _ => throw new ArgumentOutOfRangeException(nameof(schedule)),
    };
}
