using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebNet.Web.Tests.Infrastructure;

/// <summary>
/// The built app as a child process (`dotnet WebNet.Web.dll`) on a free loopback port, training on the
/// synthetic dataset (WebNet:Training:SyntheticData) with its data in the given folder. Kill() is SIGKILL.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The app on a free port; extra arguments come last, so they override the ones above (the last value wins).</summary>
    public static AppProcess Start(string dataPath, bool autoStart, params string[] extra)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
        [
            Path.Combine(AppContext.BaseDirectory, "WebNet.Web.dll"),
            "--urls", $"http://127.0.0.1:{port}",
            $"--WebNet:DataPath={dataPath}",
            "--WebNet:Training:SyntheticData=true",
            $"--WebNet:Training:AutoStart={(autoStart ? "true" : "false")}",
            .. extra.Select(e => e.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
        ])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>A client once /health answers; fails with the app's output if it exits first.</summary>
    public async Task<HttpClient> ReadyAsync()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Eventually.WaitAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
                }

                try
                {
                    return (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            ready => ready,
            "the app to answer /health");
        return client;
    }

    /// <summary>Waits until the app's output (stdout and stderr) contains the text; fails with the output if it exits first.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan? timeout = null) => Eventually.WaitAsync(
        () => _process.HasExited
            ? throw new InvalidOperationException($"The app exited with {_process.ExitCode} before writing '{text}':\n{Output}")
            : Task.FromResult(Output.Contains(text, StringComparison.Ordinal)),
        found => found,
        $"'{text}' in the app's output",
        timeout);

    /// <summary>Sends SIGTERM (what docker stop and systemd send) and waits up to the timeout; the time it took to exit, or null.</summary>
    public TimeSpan? Terminate(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        return _process.WaitForExit(timeout) ? clock.Elapsed : null;
    }

    public int ExitCode => _process.ExitCode;

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
