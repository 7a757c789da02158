using System.Net.Http.Headers;
using System.Text.Json;
using WebNet.Core.Classification;
using WebNet.Core.Imaging;
using WebNet.Core.Network;

namespace WebNet.Cli;

/// <summary>
/// Where canvas-test sends its drawings: a running app's POST /api/classify, or a model file classified in this
/// process by the same Core pipeline the app runs. Answers the digit, or -1 for a drawing read as blank.
/// </summary>
internal abstract class CanvasClassifier : IDisposable
{
    public abstract string Where { get; }

    /// <summary>How many drawings to have in flight at once.</summary>
    public abstract int Parallelism { get; }

    public abstract Task<int> ClassifyPngAsync(byte[] png, string mode, CancellationToken cancellationToken);

    /// <summary>A 28x28 field of ink sent as numbers, without preprocessing (the MNIST baseline).</summary>
    public abstract Task<int> ClassifyFieldAsync(float[] pixels, int width, int height, CancellationToken cancellationToken);

    public virtual void Dispose()
    {
    }

    public static CanvasClassifier OverHttp(Uri baseUri) => new Http(baseUri);

    public static CanvasClassifier InProcess(Mlp network, string path) => new Local(network, path);

    private sealed class Local(Mlp network, string path) : CanvasClassifier
    {
        public override string Where => $"{path} in-process";

        public override int Parallelism => Environment.ProcessorCount;

        public override Task<int> ClassifyPngAsync(byte[] png, string mode, CancellationToken cancellationToken)
        {
            using var crop = CanvasInkReader.Read(png, out _);
            return Task.FromResult(Classify(crop, mode));
        }

        public override Task<int> ClassifyFieldAsync(float[] pixels, int width, int height, CancellationToken cancellationToken)
        {
            using var crop = InkCrop.Whole(new InkGrid(width, height, pixels));
            return Task.FromResult(Classify(crop, "none"));
        }

        /// <summary>The app's classify path after reading the drawing (Core's DigitClassifier): the digit, or -1 when blank.</summary>
        private int Classify(InkCrop crop, string mode)
        {
            if (!PreprocessModes.TryParse(mode, out var parsed))
            {
                throw new CliException($"--preprocess: unknown mode '{mode}'; in-process, use {string.Join(", ", PreprocessModes.Names)}.");
            }

            var result = DigitClassifier.Classify(network, crop, new ClassifyOptions(parsed));
            return result.Answer?.Digit ?? -1;
        }
    }

    private sealed class Http(Uri baseUri) : CanvasClassifier
    {
        private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };

        public override string Where => baseUri.ToString();

        public override int Parallelism => 4;

        private const int MaxAttempts = 10;

        public override Task<int> ClassifyPngAsync(byte[] png, string mode, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(png);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return PostAsync(content, mode, cancellationToken);
        }

        public override Task<int> ClassifyFieldAsync(float[] pixels, int width, int height, CancellationToken cancellationToken)
        {
            var content = new StringContent(JsonSerializer.Serialize(new { pixels, width, height }), System.Text.Encoding.UTF8, "application/json");
            return PostAsync(content, "none", cancellationToken);
        }

        public override void Dispose()
        {
            _http.Dispose();
            base.Dispose();
        }

        private async Task<int> PostAsync(HttpContent content, string mode, CancellationToken cancellationToken)
        {
            using var disposeContent = content;
            HttpResponseMessage response;
            var uri = new Uri($"api/classify?preprocess={Uri.EscapeDataString(mode)}", UriKind.Relative);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    response = await _http.PostAsync(uri, content, cancellationToken);
                }
                catch (HttpRequestException e)
                {
                    throw new CliException($"Cannot reach the app at {_http.BaseAddress}: {e.Message}. Start it with 'dotnet run --project src/WebNet.Web'.", ExitCodes.Data);
                }

                // The app's rate limit (WebNet:RateLimits) answers 429 with Retry-After: wait as asked and send again.
                if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests || attempt == MaxAttempts)
                {
                    break;
                }

                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                response.Dispose();
                await Task.Delay(wait, cancellationToken);
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
}
