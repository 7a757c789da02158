using System.Net.Http.Json;
using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Tests.Infrastructure;

namespace WebNet.Web.Tests.Api;

public sealed class PresetEndpointsTests : IDisposable
{
    private readonly WebNetFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EveryPresetIsListedWithTheValuesAStartWithEmptyFieldsTrainsWith()
    {
        using var client = _factory.CreateClient();
        var presets = await client.GetFromJsonAsync<Dictionary<string, TrainingOptionsDto>>("/api/presets");

        Assert.NotNull(presets);
        Assert.Equal(Presets.Names, presets.Keys);
        var robust = presets["robust"];
        Assert.Equal([800], robust.Hidden);
        Assert.Equal(Presets.Robust.LearningRate, robust.LearningRate);
        Assert.Equal(Presets.Robust.Epochs, robust.Epochs);
        Assert.Equal("cosine", robust.Schedule);
        Assert.Equal(Presets.Robust.Augmentation.Rotation, robust.Augmentation!.Rotation);
        Assert.Equal("sigmoid", presets["seed"].Activation);
        Assert.Equal(Presets.Seed.BatchSize, presets["seed"].BatchSize);
    }
}
