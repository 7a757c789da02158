namespace WebNet.Core.Drawings;

/// <summary>A drawing as a person made it (the PNG bytes the pad sent) and the digit they said it is.</summary>
public sealed record LabelledDrawing(int Label, byte[] Png)
{
    /// <summary>
    /// Whether this drawing is held out of training for the drawings curve. Decided by the PNG's own bytes (the first
    /// eight of their SHA-256 as a fraction below heldOutShare), so a drawing keeps its side whatever set it is in and
    /// whatever order the set is read in, and the curve stays an honest test when more drawings arrive.
    /// </summary>
    public bool IsHeldOut(double heldOutShare) => SplitPoint(Png) < heldOutShare;

    /// <summary>Where a drawing's PNG falls in 0..1 (its SHA-256's first eight bytes as a fraction): held out below the share.</summary>
    public static double SplitPoint(ReadOnlySpan<byte> png)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(png, hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) / (double)ulong.MaxValue;
    }
}
