using System.Net.Http.Json;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Cluster;

/// <summary>
/// One scaled-out replica: the real app as a process (AppProcess) with WebNet:Redis, PostgreSQL storage and the admin
/// key, logging the cluster's messages (lease taken and lost) so that tests can wait for them. Its own data folder.
/// </summary>
internal sealed class Replica : IDisposable
{
    public const string AdminKey = "cluster-test-key";
    public const string LeaseTaken = "holds the trainer lease";

    private readonly string _dataPath;

    private Replica(string name, AppProcess app, string dataPath)
    {
        Name = name;
        App = app;
        _dataPath = dataPath;
        Client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
    }

    public string Name { get; }

    public AppProcess App { get; }

    /// <summary>A client that sends the admin key with every request.</summary>
    public HttpClient Client { get; }

    public bool IsTrainer => App.Output.Contains(LeaseTaken, StringComparison.Ordinal) && !App.Output.Contains("lost the trainer lease", StringComparison.Ordinal);

    public static async Task<Replica> StartAsync(string name, string redis, string postgres, params string[] extra)
    {
        var dataPath = WebNetFactory.NewDataPath();
        var app = AppProcess.Start(dataPath, autoStart: false,
        [
            $"--WebNet:Redis={redis}",
            "--WebNet:Storage:Provider=postgres",
            $"--ConnectionStrings:WebNet={postgres}",
            $"--WebNet:AdminKey={AdminKey}",
            "--Logging:LogLevel:WebNet.Web.Cluster=Information",
            .. extra,
        ]);
        (await app.ReadyAsync()).Dispose();
        return new Replica(name, app, dataPath);
    }

    /// <summary>The model version (run and epoch) this replica's classify answers with, or null before it has one.</summary>
    public async Task<(long? RunId, int? Epoch)?> AnsweringModelAsync()
    {
        var pixels = Enumerable.Range(0, 784).Select(i => i % 29 == 0 ? 1.0 : 0.0).ToArray();
        using var response = await Client.PostAsJsonAsync("/api/classify?preprocess=none", new { pixels, width = 28, height = 28 });
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var answer = (await response.Content.ReadFromJsonAsync<ClassifyResponse>())!;
        return (answer.Model!.RunId, answer.Model.Epoch);
    }

    /// <summary>Runs a wait; a timeout carries the replicas' output, which says who held the lease and why not.</summary>
    public static async Task<T> WithOutputOnFailure<T>(Func<Task<T>> wait, params Replica[] replicas)
    {
        try
        {
            return await wait();
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{string.Join("\n", replicas.Select(r => $"--- {r.Name}:\n{r.App.Output}"))}", ex);
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        Directory.Delete(_dataPath, recursive: true);
    }

    public override string ToString() => Name;
}
