using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace WebNet.Cli;

/// <summary>
/// webnet hub-load: connects N SignalR clients to a running app's training hub for a while, counts the
/// EpochCompleted pushes each receives, and reports the median training-epoch seconds of the epochs that
/// finished in that window (from GET /api/training/history). Run it with --clients 0 and with --clients
/// 100 in turn to see what pushing to the dashboards costs training.
/// </summary>
internal static class HubLoadCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The running app.", DefaultValueFactory = _ => "http://localhost:5000" };
        var clients = new Option<int>("--clients") { Description = "SignalR clients to connect (0 measures training alone).", DefaultValueFactory = _ => 100 };
        var seconds = new Option<int>("--seconds") { Description = "How long to stay connected.", DefaultValueFactory = _ => 30 };
        var protocol = new Option<string>("--protocol") { Description = "Hub protocol the clients speak: messagepack (as the page does) or json.", DefaultValueFactory = _ => "messagepack" };
        var command = new Command("hub-load", "Connect many dashboard clients to the training hub and report the epoch times meanwhile.");
        command.Options.Add(url);
        command.Options.Add(clients);
        command.Options.Add(seconds);
        command.Options.Add(protocol);
        command.SetAction((parse, cancellationToken) =>
        {
            var n = parse.GetValue(clients);
            var s = parse.GetValue(seconds);
            if (n is < 0 or > 1000)
            {
                throw new CliException("--clients: must be between 0 and 1000.");
            }

            if (s is < 1 or > 3600)
            {
                throw new CliException("--seconds: must be between 1 and 3600.");
            }

            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUri))
            {
                throw new CliException("--url: not an absolute URL.");
            }

            var messagePack = parse.GetValue(protocol) switch
            {
                "messagepack" => true,
                "json" => false,
                var other => throw new CliException($"--protocol: '{other}' is not messagepack or json."),
            };
            return RunAsync(baseUri, n, messagePack, TimeSpan.FromSeconds(s), Console.Out, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Uri baseUri, int clients, bool messagePack, TimeSpan duration, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        var startEpoch = await CurrentEpochAsync(http, cancellationToken);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var connections = new List<HubConnection>(clients);
        var received = new int[clients];
        var last = new long[clients];
        var gaps = new int[clients];
        var bytes = new long[clients];
        try
        {
            for (var c = 0; c < clients; c++)
            {
                var index = c;
                var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "hubs/training"));
                var connection = (messagePack ? builder.AddMessagePackProtocol() : builder).Build();

                // What a dashboard does with a push: read the numbers and decode the weights it will draw.
                // A client's epochs arrive one at a time in order; a number skipped (or repeated) within a run is a gap.
                void Count(long size, long epoch)
                {
                    if (received[index] > 0 && epoch != last[index] + 1 && epoch != 0)
                    {
                        gaps[index]++;
                    }

                    last[index] = epoch;
                    Interlocked.Increment(ref received[index]);
                    Interlocked.Add(ref bytes[index], size);
                }

                if (messagePack)
                {
                    connection.On<Dictionary<object, object>>("EpochCompleted", epoch => Count(WeightBytes(epoch), Convert.ToInt64(epoch["Epoch"], CultureInfo.InvariantCulture)));
                }
                else
                {
                    connection.On<JsonElement>("EpochCompleted", epoch => Count(WeightBytes(epoch), epoch.GetProperty("epoch").GetInt64()));
                }

                await connection.StartAsync(cancellationToken);
                connections.Add(connection);
            }

            output.WriteLine($"{clients} clients connected; watching for {duration.TotalSeconds:F0} s from epoch {startEpoch} ...");
            await Task.Delay(duration, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"Cannot reach the hub at {baseUri}: {e.Message}", ExitCodes.Data);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }

        var epochs = await HistoryAsync(http, cancellationToken);
        var window = epochs.Where(e => e.Epoch > startEpoch + 1).Select(e => e.Seconds).Order().ToArray();
        if (window.Length == 0)
        {
            throw new CliException("No epoch finished while connected; is a run training? Try a longer --seconds.", ExitCodes.Data);
        }

        var median = window.Length % 2 == 1 ? window[window.Length / 2] : (window[(window.Length / 2) - 1] + window[window.Length / 2]) / 2;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clients {clients}: {window.Length} epochs, median epoch {median:F4} s (min {window[0]:F4}, max {window[^1]:F4})"));
        if (clients > 0)
        {
            var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"EpochCompleted per client: min {received.Min()}, max {received.Max()}, gaps {gaps.Sum()} (epochs skipped or repeated); mean {bytes.Sum() / Math.Max(1.0, received.Sum()) / 1024:F1} KiB of int8 weights each ({(messagePack ? "MessagePack" : "JSON")})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"these clients used {cpu:F2} s of CPU in {wall.Elapsed.TotalSeconds:F1} s ({cpu / wall.Elapsed.TotalSeconds * 100:F0}% of one core; {cpu * 1000 / Math.Max(1, received.Sum()):F2} ms per message)"));
        }

        return ExitCodes.Ok;
    }

    private static long WeightBytes(JsonElement epoch)
    {
        var size = 0L;
        if (epoch.TryGetProperty("weights", out var weights))
        {
            foreach (var layer in weights.GetProperty("layers").EnumerateArray())
            {
                size += layer.GetProperty("weights").GetBytesFromBase64().Length;
            }
        }

        return size;
    }

    // MessagePack without a schema: maps keyed by the server's member names, the weights as raw bytes.
    private static long WeightBytes(Dictionary<object, object> epoch)
    {
        var size = 0L;
        if (epoch.TryGetValue("Weights", out var weights) && weights is IDictionary<object, object> dto && dto["Layers"] is object[] layers)
        {
            foreach (var layer in layers.OfType<IDictionary<object, object>>())
            {
                size += layer["Weights"] is byte[] raw ? raw.Length : 0;
            }
        }

        return size;
    }

    private static async Task<int> CurrentEpochAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/training", UriKind.Relative), cancellationToken));
            return json.RootElement.GetProperty("epoch").GetInt32();
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"Cannot reach the app at {http.BaseAddress}: {e.Message}. Start it with 'dotnet run --project src/WebNet.Web'.", ExitCodes.Data);
        }
    }

    private static async Task<List<(int Epoch, double Seconds)>> HistoryAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/training/history", UriKind.Relative), cancellationToken));
        return [.. json.RootElement.EnumerateArray().Select(e => (e.GetProperty("epoch").GetInt32(), e.GetProperty("seconds").GetDouble()))];
    }
}
