using System.Net.Http.Json;
using System.Text;
using WebNet.Web.Contracts;

namespace WebNet.Web.Tests.Infrastructure;

/// <summary>Small REST helpers; a tiny network (784-8-10) and a long plan keep runs cheap and running until told.</summary>
public static class Rest
{
    public const string TinyRun = """{"hidden":[8],"batchSize":50,"learningRate":0.5,"epochs":100000}""";

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json, string? adminKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (adminKey is not null)
        {
            request.Headers.Add("X-Admin-Key", adminKey);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path) => client.PostJsonAsync(path, "");

    public static async Task<RunStateDto> StateAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<RunStateDto>("/api/training"))!;

    public static async Task<EpochDto[]> HistoryAsync(this HttpClient client, string path = "/api/training/history") =>
        (await client.GetFromJsonAsync<EpochDto[]>(path))!;

    /// <summary>Waits until the current run has at least count history rows (epoch 0 included).</summary>
    public static Task<EpochDto[]> WaitForEpochsAsync(this HttpClient client, int count, string path = "/api/training/history") =>
        Eventually.WaitAsync(() => client.HistoryAsync(path), h => h.Length >= count, $"{count} epochs in {path}");

    /// <summary>Polls the run state until it is state; timeout bounds the wait (the default one when null).</summary>
    public static Task<RunStateDto> WaitForStateAsync(this HttpClient client, string state, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(client.StateAsync, s => s.State == state, $"state {state}", timeout);
}
