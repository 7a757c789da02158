using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Training.Cpu;

public sealed class AlignedFloatsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(50_890)]
    [InlineData(100_003)]
    public unsafe void BufferStartsOnACacheLineAndHoldsExactlyItsLength(int length)
    {
        var buffer = new AlignedFloats(length);
        var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer.Span));

        Assert.Equal(0u, address % 64);
        Assert.Equal(length, buffer.Span.Length);
        buffer.AsSpan(length - 1, 1)[0] = 3f;
        Assert.Equal(3f, buffer.Span[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.AsSpan(length - 1, 2).Length);
    }

    [Fact]
    public void EmptyBufferHasNoElements() => Assert.Equal(0, AlignedFloats.Empty.Span.Length);
}
