using System.Diagnostics;
using System.Globalization;
using WebNet.Core.Training;

namespace WebNet.Cli;

/// <summary>
/// One line per epoch always; on a terminal also a live bar for the epoch in progress, redrawn at most
/// ten times a second on the same line.
/// </summary>
internal sealed class ProgressView(TextWriter output, bool live, int totalEpochs)
{
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private int _lastLength;

    public void OnBatch(int epoch, int batch, int batches)
    {
        if (!live || (batch != batches && _sinceDraw.ElapsedMilliseconds < 100))
        {
            return;
        }

        _sinceDraw.Restart();
        const int Width = 30;
        var filled = batches == 0 ? Width : batch * Width / batches;
        var text = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{totalEpochs} [{new string('#', filled)}{new string('.', Width - filled)}] batch {batch}/{batches}");
        Draw(text);
    }

    public void OnEpoch(EpochResult result, double? drawingsAccuracy = null)
    {
        Draw(string.Empty);
        var drawings = drawingsAccuracy is { } d ? string.Create(CultureInfo.InvariantCulture, $"  drawings {d * 100,6:F2}%") : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {result.Epoch,4}/{totalEpochs}  test accuracy {result.TestAccuracy * 100,6:F2}%  train loss {result.TrainLoss,8:F4}  {result.Seconds,7:F3} s  {result.SamplesPerSecond,9:F0} samples/s{drawings}"));
    }

    private void Draw(string text)
    {
        if (!live)
        {
            return;
        }

        var padded = text.PadRight(_lastLength);
        output.Write('\r' + padded + '\r');
        _lastLength = text.Length;
        output.Flush();
    }
}
