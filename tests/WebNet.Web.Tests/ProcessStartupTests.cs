using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests;

public sealed class ProcessStartupTests
{
    [Fact]
    public async Task AProcessStartedOnATruncatedDatabaseNamesItInItsLogKeepsServingAndIsNotReady()
    {
        var dataPath = WebNetFactory.NewDataPath();
        try
        {
            // A database cut short: SQLite's header and then half a page of nothing.
            var database = Path.Combine(dataPath, "webnet.db");
            var bytes = new byte[6000];
            "SQLite format 3\0"u8.CopyTo(bytes);
            bytes[16] = 0x10;
            await File.WriteAllBytesAsync(database, bytes);

            using var app = AppProcess.Start(dataPath, autoStart: true);
            using var client = await app.ReadyAsync();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains(database.Replace("\\", "\\\\", StringComparison.Ordinal), await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains($"The run database {database} cannot be used", app.Output, StringComparison.Ordinal);
            Assert.Equal("idle", (await client.StateAsync()).State);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task WithoutAnAdminKeyTheAppAskedToListenEverywhereListensOnLoopbackOnlyAndSaysSo()
    {
        var dataPath = WebNetFactory.NewDataPath();
        try
        {
            using var app = AppProcess.Start(dataPath, autoStart: false, "--urls", "http://0.0.0.0:{port}");
            using var client = await app.ReadyAsync();

            Assert.Contains("listens on loopback only", app.Output, StringComparison.Ordinal);
            Assert.Contains("instead of http://0.0.0.0:", app.Output, StringComparison.Ordinal);
            if (NonLoopbackAddress() is { } other)
            {
                using var socket = new Socket(other.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                var refused = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(other, client.BaseAddress!.Port));
                Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
            }
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static IPAddress? NonLoopbackAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
