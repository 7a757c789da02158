using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace WebNet.Cli.Tests;

public sealed class BenchClassifyTests
{
    [Fact]
    public async Task BenchClassifyReportsTimesAndAllocationForBothPipelines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"webnet-bench-{Guid.NewGuid():N}.png");
        try
        {
            // A bar of ink on a transparent 280x280 canvas, as the page's canvas exports a stroke.
            using (var image = new Image<Rgba32>(280, 280))
            {
                for (var y = 60; y < 220; y++)
                {
                    for (var x = 130; x < 150; x++)
                    {
                        image[x, y] = new Rgba32(0, 0, 0, 255);
                    }
                }

                await image.SaveAsPngAsync(path);
            }

            var result = await CliProcess.RunAsync("bench", "classify", "--image", path, "--requests", "20", "--warmup", "5");

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("reference pipeline", result.Output, StringComparison.Ordinal);
            Assert.Contains("fast pipeline", result.Output, StringComparison.Ordinal);
            Assert.Contains("B/request", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task BenchClassifyOfAMissingImageSaysSoWithoutAStackTrace()
    {
        var result = await CliProcess.RunAsync("bench", "classify", "--image", Path.Combine(Path.GetTempPath(), "webnet-no-such.png"));

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("error: --image", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
