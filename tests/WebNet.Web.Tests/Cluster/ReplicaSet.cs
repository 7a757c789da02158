using System.Net.Http.Json;
using WebNet.Tests.Servers;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Cluster;

/// <summary>
/// A redis-server of its own, a fresh database on the class's PostgreSQL server, and replicas A, B, C...: A is started
/// first and holds the trainer lease before the others start, so tests know which one trains.
/// </summary>
internal sealed class ReplicaSet : IDisposable
{
    private readonly List<Replica> _replicas = [];

    private ReplicaSet(RedisServer redis, string postgres)
    {
        Redis = redis;
        Postgres = postgres;
    }

    public RedisServer Redis { get; }

    public string Postgres { get; }

    public Replica this[int index] => _replicas[index];

    public static async Task<ReplicaSet> StartAsync(PostgresServer server, int count)
    {
        var set = new ReplicaSet(RedisServer.Start(), server.CreateDatabase());
        try
        {
            var first = await set.AddAsync();
            await first.App.WaitForOutputAsync(Replica.LeaseTaken);
            for (var i = 1; i < count; i++)
            {
                await set.AddAsync();
            }

            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>Starts one more replica on the same Redis and database.</summary>
    public async Task<Replica> AddAsync()
    {
        var replica = await Replica.StartAsync(((char)('A' + _replicas.Count)).ToString(), Redis.ConnectionString, Postgres);
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>Starts a long tiny run through the given replica and returns its id.</summary>
    public static async Task<long> StartRunAsync(Replica through, string body = Rest.TinyRun)
    {
        using var start = await through.Client.PostJsonAsync("/api/training/start", body);
        start.EnsureSuccessStatusCode();
        return (await start.Content.ReadFromJsonAsync<RunStateDto>())!.RunId!.Value;
    }

    public void Dispose()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        Redis.Dispose();
    }
}
