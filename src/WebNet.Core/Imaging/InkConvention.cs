namespace WebNet.Core.Imaging;

/// <summary>How a canvas stores its strokes, as <see cref="InkExtractor"/> detected it.</summary>
public enum InkConvention
{
    /// <summary>Some pixels are transparent: the ink is the alpha channel.</summary>
    Alpha,

    /// <summary>Opaque with a light border: dark strokes on a light background.</summary>
    DarkOnLight,

    /// <summary>Opaque with a dark border: light strokes on a dark background.</summary>
    LightOnDark,
}
