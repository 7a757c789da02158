using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using WebNet.Core.Classification;
using WebNet.Core.Imaging;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Cli;

/// <summary>
/// webnet bench classify: POST /api/classify's server-side work in-process (decode, ink, preprocess, forward, JSON
/// answer), one request after another on this thread, so a change to the pipeline is judged by its median and p99
/// per-request time and by the bytes it allocates per request, without Kestrel or a load tool in the way.
/// </summary>
internal static class BenchClassifyCommand
{
    public static Command Create()
    {
        var image = new Option<string>("--image") { Description = "The PNG to classify (a 280x280 canvas drawing).", Required = true };
        var requests = new Option<int>("--requests") { Description = "Timed requests.", DefaultValueFactory = _ => 5000 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed requests first (JIT tiering, pools).", DefaultValueFactory = _ => 2000 };
        var model = new Option<string?>("--model") { Description = "A model JSON file (default: an untrained seed-shaped 784-64-10 network)." };
        var preprocess = new Option<string>("--preprocess") { Description = "mnist, stroke or none.", DefaultValueFactory = _ => "mnist" };
        var pipeline = new Option<string>("--pipeline") { Description = "fast (the server's: cropped ink from pooled rows), reference (full RGBA copy and float grid), or both, one after the other.", DefaultValueFactory = _ => "both" };
        var command = new Command("classify", "Time POST /api/classify's pipeline in-process: median and p99 per request, bytes allocated per request.");
        command.Options.Add(image);
        command.Options.Add(requests);
        command.Options.Add(warmup);
        command.Options.Add(model);
        command.Options.Add(preprocess);
        command.Options.Add(pipeline);
        command.SetAction(parse =>
        {
            if (!PreprocessModes.TryParse(parse.GetValue(preprocess), out var mode))
            {
                throw new CliException($"--preprocess: use {string.Join(", ", PreprocessModes.Names)}.");
            }

            if (parse.GetValue(requests) < 1 || parse.GetValue(warmup) < 0)
            {
                throw new CliException("--requests must be 1 or more and --warmup 0 or more.");
            }

            var network = parse.GetValue(model) is { } path ? ModelFiles.Load(path).Network : UntrainedSeed();
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(parse.GetValue(image)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"--image: {e.Message}", ExitCodes.Data);
            }

            var which = parse.GetValue(pipeline)?.ToUpperInvariant();
            if (which is not ("FAST" or "REFERENCE" or "BOTH"))
            {
                throw new CliException("--pipeline: use fast, reference or both.");
            }

            foreach (var reference in which == "BOTH" ? [true, false] : new[] { which == "REFERENCE" })
            {
                Run(bytes, network, mode, reference, parse.GetValue(requests), parse.GetValue(warmup), Console.Out);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static void Run(byte[] png, Mlp network, PreprocessMode mode, bool reference, int requests, int warmup, TextWriter output)
    {
        // Kestrel writes the answer into a pipe it reuses; a reused buffer writer stands in for it.
        var sink = new ArrayBufferWriter<byte>(16 * 1024);
        var answerBytes = 0;
        try
        {
            answerBytes = Classify(png, network, mode, reference, sink);
        }
        catch (ImageDecodeException e)
        {
            throw new CliException($"--image: {e.Message}", ExitCodes.Data);
        }

        for (var i = 0; i < warmup; i++)
        {
            Classify(png, network, mode, reference, sink);
        }

        var times = new double[requests];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gcBefore = GC.CollectionCount(0);
        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Classify(png, network, mode, reference, sink);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var allocated = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / requests;
        var gcs = GC.CollectionCount(0) - gcBefore;
        Array.Sort(times);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(reference ? "reference" : "fast")} pipeline: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; {png.Length} B PNG, preprocess {mode.ToWireName()}, {requests} timed after {warmup} warm-up; answer {answerBytes} B"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {Percentile(times, 0.5):F4} ms  p90 {Percentile(times, 0.9):F4} ms  p99 {Percentile(times, 0.99):F4} ms  min {times[0]:F4} ms  allocated {allocated:F0} B/request  gen0 GCs {gcs}"));
    }

    /// <summary>
    /// One request's work, through the server's code: the ink (CanvasInkReader, or the reference whole-canvas path),
    /// Core's DigitClassifier, and its answer as JSON (the server's classify answer but for the model's name). Returns
    /// the answer's size in bytes.
    /// </summary>
    private static int Classify(byte[] png, Mlp network, PreprocessMode mode, bool reference, ArrayBufferWriter<byte> sink)
    {
        using var crop = reference ? InkCrop.Whole(InkExtractor.Extract(PngImageDecoder.Decode(png))) : CanvasInkReader.Read(png, out _);
        var answer = DigitClassifier.Classify(network, crop, new ClassifyOptions(mode)).Answer
            ?? throw new CliException("--image: the drawing has no ink to classify.", ExitCodes.Data);
        sink.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(sink);
        JsonSerializer.Serialize(writer, answer, JsonSerializerOptions.Web);
        return sink.WrittenCount;
    }

    private static Mlp UntrainedSeed() =>
        Initializers.Create(Presets.Seed.CreateShape(DigitPreprocessor.FieldSize * DigitPreprocessor.FieldSize, 10), Initializer.Xavier, new SplitMix64(1));

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
