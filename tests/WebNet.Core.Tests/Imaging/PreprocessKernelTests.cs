using WebNet.Core.Imaging;

namespace WebNet.Core.Tests.Imaging;

/// <summary>The vectorised loops of the classify path against plain scalar loops, at every length around the vector width.</summary>
public class PreprocessKernelTests
{
    public static TheoryData<int> Lengths => [0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 280];

    private static float[] Row(int length, int seed, bool withNaN = false)
    {
        var random = new Random(seed);
        var row = new float[length];
        for (var i = 0; i < length; i++)
        {
            // Runs of zeros and faint values around the floor, as anti-aliased strokes have.
            row[i] = random.Next(4) switch { 0 => 0f, 1 => 0.1f * (float)random.NextDouble(), _ => (float)random.NextDouble() };
        }

        if (withNaN && length > 2)
        {
            row[length / 2] = float.NaN;
        }

        return row;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void FirstAndLastAtLeastFindWhatAScanFinds(int length)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var row = Row(length, seed, withNaN: seed % 3 == 0);
            foreach (var floor in new[] { 0.05f, 0.5f, 0.99f, 2f })
            {
                Assert.Equal(Array.FindIndex(row, v => v >= floor), DigitPreprocessor.FirstAtLeast(row, floor));
                Assert.Equal(Array.FindLastIndex(row, v => v >= floor), DigitPreprocessor.LastAtLeast(row, floor));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void KeepInkZeroesFaintPixelsAndSumsWhatIsKept(int length)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var row = Row(length, seed, withNaN: seed % 3 == 0);
            const float floor = 0.05f;
            var kept = Enumerable.Repeat(-1f, length).ToArray();
            var (mass, moment) = DigitPreprocessor.KeepInk(row, floor, kept);

            double expectedMass = 0, expectedMoment = 0;
            for (var x = 0; x < length; x++)
            {
                var v = row[x] >= floor ? row[x] : 0f;
                Assert.Equal(v, kept[x]);
                expectedMass += v;
                expectedMoment += v * (x + 0.5);
            }

            Assert.Equal(expectedMass, mass, 1e-4);
            Assert.Equal(expectedMoment, moment, 1e-2);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AlphaToUnitIsTheAlphaByteOver255(int length)
    {
        var random = new Random(length);
        var pixels = new uint[length];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels.AsSpan()));
        var values = new float[length];
        CanvasInkReader.AlphaToUnit(pixels, values);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal((pixels[i] >> 24) / 255f, values[i]);
        }
    }
}
