using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WebNet.Browser.Tests;

/// <summary>Sets the server up for a test through the REST API (docs/CONTRACTS.md).</summary>
public sealed class TrainingApi(HttpClient http) : IDisposable
{
    /// <summary>
    /// Stops whatever runs, then starts the seed preset with the given epochs and batch size and a learning
    /// rate high enough (by default) that every epoch visibly moves the int8 heatmaps.
    /// </summary>
    public async Task<long> StartAsync(int epochs, int batchSize, double learningRate = 0.5)
    {
        await StopAsync();
        using var response = await http.PostAsJsonAsync("api/training/start", new { preset = "seed", epochs, batchSize, learningRate });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"start answered {(int)response.StatusCode}: {body}");
        using var state = JsonDocument.Parse(body);
        return state.RootElement.GetProperty("runId").GetInt64();
    }

    /// <summary>Pauses the running run, so that it stays active however long a test takes.</summary>
    public async Task PauseAsync()
    {
        using var empty = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("api/training/pause", empty);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"pause answered {(int)response.StatusCode}");
    }

    /// <summary>Stops the active run; 409 (nothing to stop) is fine.</summary>
    public async Task StopAsync()
    {
        // Control calls need Content-Type: application/json, an empty body included.
        using var empty = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("api/training/stop", empty);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"stop answered {(int)response.StatusCode}");
    }

    /// <summary>Waits (up to a minute and a half) until the server has completed more than epochs epochs of the current run.</summary>
    public async Task WaitForServerEpochAboveAsync(int epochs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            using var state = JsonDocument.Parse(await http.GetStringAsync("api/training"));
            var epoch = state.RootElement.GetProperty("epoch").GetInt32();
            if (epoch > epochs)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the server stayed at epoch {epoch}, not above {epochs}");
            await Task.Delay(100);
        }
    }

    /// <summary>The current run's id (GET /api/training), null before any run.</summary>
    public async Task<long?> CurrentRunIdAsync()
    {
        using var state = JsonDocument.Parse(await http.GetStringAsync("api/training"));
        return state.RootElement.TryGetProperty("runId", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt64() : null;
    }

    public void Dispose() => http.Dispose();
}
