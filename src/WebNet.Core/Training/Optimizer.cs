using WebNet.Core.Wire;

namespace WebNet.Core.Training;

public enum Optimizer
{
    /// <summary>w &lt;- (1 - lr*lambda/n) w - lr * mean batch gradient.</summary>
    Sgd,

    /// <summary>v &lt;- mu v - lr (g + lambda/n w); w &lt;- w + v.</summary>
    Momentum,

    /// <summary>Adam (beta1 0.9, beta2 0.999, eps 1e-8) on g + lambda/n w.</summary>
    Adam,
}

public static class Optimizers
{
    private static readonly WireNames<Optimizer> Wire = new((Optimizer.Sgd, ["sgd"]), (Optimizer.Momentum, ["momentum"]), (Optimizer.Adam, ["adam"]));

    public static IReadOnlyList<string> Names => Wire.Names;

    public static string ToWireName(this Optimizer optimizer) => Wire.Of(optimizer);

    public static bool TryParse(string? text, out Optimizer optimizer) => Wire.TryParse(text, out optimizer);

    /// <summary>Floats of optimizer state per parameter.</summary>
    public static int StateFloatsPerParameter(this Optimizer optimizer) => optimizer switch
    {
        Optimizer.Sgd => 0,
        Optimizer.Momentum => 1,
        Optimizer.Adam => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer)),
    };
}
