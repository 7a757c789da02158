using System.Net;
using System.Net.Http.Headers;
using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Serialization;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Browser.Tests;

/// <summary>
/// The browser app (no run started) serving a network trained here on the real MNIST training set: 784-100-10,
/// ReLU and softmax, momentum, two epochs, about 97% on the test set, imported through PUT /api/model.
/// </summary>
public sealed class MnistModelApp() : TrainedModelApp(Presets.Fast with { Preset = "custom", Hidden = [100], Epochs = 2, Backend = BackendNames.Cpu }, minimumTestAccuracy: 0.94);

/// <summary>
/// The robust preset's recipe (784-800-10, augmented, cosine schedule) cut to three epochs so that it trains in
/// seconds: about 98.5% on the MNIST test set, and robust to pen width and tilt as the full run is.
/// </summary>
public sealed class RobustModelApp() : TrainedModelApp(Presets.Robust with { Epochs = 3, Backend = BackendNames.Cpu }, minimumTestAccuracy: 0.97);

/// <summary>The browser app serving a network trained here with the given options, imported through PUT /api/model.</summary>
public abstract class TrainedModelApp(TrainingOptions options, double minimumTestAccuracy) : IAsyncLifetime, IDisposable
{
    /// <summary>Far below what the options reach; a lower score means the training itself went wrong.</summary>
    public double MinimumTestAccuracy { get; } = minimumTestAccuracy;

    private TrainingOptions Options { get; } = options;

    public BrowserApp App { get; } = new();

    public double TestAccuracy { get; private set; }

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        var (network, accuracy) = await Task.Run(Train);
        TestAccuracy = accuracy;
        Assert.True(accuracy >= MinimumTestAccuracy, $"the MNIST network reached only {accuracy:P1} on the test set");

        using var http = new HttpClient { BaseAddress = App.Address };
        using var body = new ByteArrayContent(ModelJson.Serialize(new ModelDocument(network, ModelInput.Mnist, ModelTrainingInfo.From(Options, Options.Epochs, accuracy))));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PutAsync("api/model", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public Task DisposeAsync() => App.DisposeAsync();

    public void Dispose()
    {
        App.Dispose();
        GC.SuppressFinalize(this);
    }

    private (Mlp Network, double TestAccuracy) Train()
    {
        var (train, test) = MnistLoader.Load();
        using var trainer = new Trainer(Options, train, test, new CpuBackend());
        var accuracy = 0.0;
        for (var epoch = 0; epoch < Options.Epochs; epoch++)
        {
            accuracy = trainer.RunEpoch().TestAccuracy;
        }

        return (trainer.Snapshot(), accuracy);
    }
}
