using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Web.Options;
using WebNet.Web.Storage;
using WebNet.Web.Tests.Infrastructure;
using WebNet.Web.Training;

namespace WebNet.Web.Tests.Storage;

public sealed class DiskFullTests : IDisposable
{
    private readonly WebNetFactory _factory = new();
    private readonly FillableDisk _disk = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ARunWhoseDiskFillsPausesSayingSoTheDatabaseAgreesAndResumeContinuesOnceThereIsRoom()
    {
        using var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<DiskSpace>(_disk)));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/training/start", Rest.TinyRun)).StatusCode);
        await client.WaitForEpochsAsync(3);

        _disk.Free = 1024;
        var paused = await client.WaitForStateAsync("paused");

        Assert.Contains("free on the disk of", paused.Message, StringComparison.Ordinal);
        Assert.Contains(_factory.DataPath, paused.Message, StringComparison.Ordinal);
        var stored = app.Services.GetRequiredService<IRunStore>().GetRun(paused.RunId!.Value)!;
        Assert.Equal((RunState.Paused, paused.Message), (stored.State, stored.Message));
        var history = await client.HistoryAsync();
        Assert.Equal(paused.Epoch, history[^1].Epoch);
        Assert.Equal(stored.Epoch, history[^1].Epoch);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);

        _disk.Free = long.MaxValue;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/training/resume")).StatusCode);
        var resumed = await client.WaitForEpochsAsync(history.Length + 2);
        Assert.Equal(Enumerable.Range(0, resumed.Length), resumed.Select(e => e.Epoch));
        Assert.Equal("running", (await client.StateAsync()).State);
        await client.PostAsync("/api/training/stop");
    }

    /// <summary>The data disk with as much free space as the test says.</summary>
    private sealed class FillableDisk() : DiskSpace(Microsoft.Extensions.Options.Options.Create(new StorageOptions()))
    {
        public long Free { get; set; } = long.MaxValue;

        public override long FreeBytes(string folder) => Free;
    }
}
