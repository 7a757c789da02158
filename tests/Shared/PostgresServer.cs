using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WebNet.Tests.Servers;

/// <summary>
/// A throwaway PostgreSQL from Debian's binaries (/usr/lib/postgresql/*/bin, installed by scripts/install-servers.sh):
/// initdb into a temporary folder, the server on a free loopback port with its unix socket in that folder, no fsync.
/// PostgreSQL refuses to run as root, so as root every binary runs as the postgres user (runuser) and the folder is
/// theirs. A test class gets a server with <c>IClassFixture&lt;PostgresFixture&gt;</c> (or shares one with the classes of
/// <c>[Collection(PostgresFixture.Collection)]</c>) and a fresh database from <see cref="CreateDatabase"/>; the fixture
/// stops the server and deletes its folder when the class ends, passed or failed, and a server left behind by a test
/// process that was killed is stopped and deleted by the next one. One copy, linked into each test project that needs it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string FolderPrefix = "webnet-pg-";
    private readonly string _bin;
    private int _databases;

    private PostgresServer(string bin, string folder, int port)
    {
        _bin = bin;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    private string DataFolder => Path.Combine(Folder, "data");

    /// <summary>A connection string for a database of this server over TCP on the loopback port.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5;Command Timeout=30";

    /// <summary>Creates an empty database of its own and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"webnet_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}");
        Run("createdb", $"-h {Folder} -p {Port} -U postgres {name}");
        return ConnectionString(name);
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut), keeping its data.</summary>
    public void Stop() => Run("pg_ctl", $"-D {DataFolder} -m fast -w stop");

    /// <summary>Starts the stopped server again on the same port with the same data; returns once it accepts connections.</summary>
    public void StartAgain() => Run("pg_ctl", $"-D {DataFolder} -l {Path.Combine(Folder, "server.log")} -w -t 60 -o \"{ServerOptions(Folder, Port)}\" start");

    public void Dispose()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            Run("pg_ctl", $"-D {DataFolder} -m immediate -w stop", check: false);
        }

        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Starts a server of the caller's own, which the caller disposes (<see cref="PostgresFixture"/> does).</summary>
    public static PostgresServer Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run scripts/install-servers.sh, which ./test.sh calls.");
        }

        StopAbandoned(bin);
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        File.WriteAllText(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (AsRoot)
        {
            Exec("chown", $"-R postgres:postgres {folder}", check: true);
        }

        var server = new PostgresServer(bin, folder, FreePort());
        try
        {
            server.Run("initdb", $"-D {server.DataFolder} -U postgres -A trust -E UTF8 --locale=C --no-sync --no-instructions");
            server.StartAgain();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    // fsync and full-page writes off: a crash loses the test's data, which is thrown away anyway.
    private static string ServerOptions(string folder, int port) =>
        $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB";

    /// <summary>Servers whose test process is gone (it crashed before its exit handler ran) are stopped and deleted.</summary>
    private static void StopAbandoned(string bin)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, "owner.pid");
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var pid) && !Alive(pid))
            {
                new PostgresServer(bin, folder, 0).Dispose();
            }
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool AsRoot => Environment.UserName == "root";

    private void Run(string tool, string arguments, bool check = true) =>
        Exec(Path.Combine(_bin, tool), arguments, check, asPostgres: AsRoot);

    private static void Exec(string file, string arguments, bool check, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {arguments} did not finish within 90 s.");
        }

        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {arguments} exited with {process.ExitCode}: {error.Result}{output.Result}");
        }
    }
}

/// <summary>A throwaway PostgreSQL for a test class (IClassFixture) or a collection of them (ICollectionFixture).</summary>
public sealed class PostgresFixture : IDisposable
{
    public const string Collection = "PostgreSQL";

    public PostgresServer Server { get; } = PostgresServer.Start();

    public void Dispose() => Server.Dispose();
}

/// <summary>Test classes marked [Collection(PostgresFixture.Collection)] share one server (and run one at a time).</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class SharedPostgresServer : ICollectionFixture<PostgresFixture>;
