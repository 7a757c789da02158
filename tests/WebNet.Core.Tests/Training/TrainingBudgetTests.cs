using WebNet.Core.Augmentation;
using WebNet.Core.Drawings;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.Training;

public sealed class TrainingBudgetTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public void TheSeedNetworkCountsItsParametersGradientsActivationsAndSnapshots()
    {
        var footprint = TrainingBudget.Estimate(Presets.Seed, 784, 10, 60_000);

        Assert.Equal(Presets.Seed.CreateShape(784, 10).ParameterCount, footprint.Parameters);
        Assert.Equal(footprint.Parameters * 2 * sizeof(float), footprint.ParameterBytes); // SGD: no optimizer state
        Assert.Equal(TrainingBudget.EvaluationRows, footprint.Rows); // batch 500 < the evaluation chunk
        Assert.Equal(2000L * (64 + 10) * 2 * sizeof(float), footprint.ActivationBytes);
        Assert.Equal(0, footprint.DatasetCopyBytes);
        Assert.Equal(footprint.Parameters * 231, footprint.SnapshotBytes);
    }

    [Fact]
    public void MomentumAndAdamAddOneAndTwoFloatsOfStateAndAugmentationCopiesTheTrainingSet()
    {
        var momentum = TrainingBudget.Estimate(Presets.Robust, 784, 10, 60_000);
        Assert.Equal(momentum.Parameters * 3 * sizeof(float), momentum.ParameterBytes);
        Assert.Equal(60_000L * 784 * sizeof(float), momentum.DatasetCopyBytes);

        var adam = TrainingBudget.Estimate(Presets.Seed with { Optimizer = Optimizer.Adam, BatchSize = 10_000 }, 784, 10, 60_000);
        Assert.Equal(adam.Parameters * 4 * sizeof(float), adam.ParameterBytes);
        Assert.Equal(10_000, adam.Rows);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("fast")]
    [InlineData("robust")]
    public void EveryPresetFitsTheDefaultBudget(string preset)
    {
        Assert.True(Presets.TryGet(preset, out var options));
        Assert.Empty(TrainingBudget.Check(TrainingBudget.Estimate(options, 784, 10, 60_000), GiB, 2 * GiB));
    }

    [Fact]
    public void EightWideLayersAtAFullBatchAreOverTheTrainingBudgetNamingHiddenAndBatchSize()
    {
        var options = Presets.Seed with { Hidden = [.. Enumerable.Repeat(4096, 8)], BatchSize = 60_000, Epochs = 1 };
        var footprint = TrainingBudget.Estimate(options, 784, 10, 60_000);
        Assert.True(footprint.TrainingBytes > 15 * GiB, $"{footprint.TrainingBytes}");

        var errors = TrainingBudget.Check(footprint, GiB, 2 * GiB);
        Assert.Equal(["batchSize", "hidden"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("budget allows 1 GiB", errors["hidden"][0], StringComparison.Ordinal);
        Assert.Contains("GiB of memory", errors["batchSize"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void ALongRunOfAWideNetworkIsOverTheSnapshotBudgetNamingEpochs()
    {
        var options = Presets.Seed with { Hidden = [4096], Epochs = 1000 };
        var errors = TrainingBudget.Check(TrainingBudget.Estimate(options, 784, 10, 60_000), GiB, 2 * GiB);
        Assert.Equal(["epochs", "hidden"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("1,001 epochs", errors["epochs"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void AugmentationOffCopiesNothing() =>
        Assert.Equal(0, TrainingBudget.Estimate(Presets.Robust with { Augmentation = AugmentationOptions.None }, 784, 10, 60_000).DatasetCopyBytes);

    [Fact]
    public void MixedDrawingsCountTheTrainingSetMadeAnewAndAnOverBudgetMixNamesDrawingsCopies()
    {
        Assert.Equal(0, TrainingBudget.Estimate(Presets.Seed, 784, 10, 60_000).MixedSetBytes);
        var mixed = Presets.Seed with { Drawings = new DrawingsTraining { Copies = 1000 } };
        var footprint = TrainingBudget.Estimate(mixed, 784, 10, 60_000 + (1000 * 400));
        Assert.Equal(460_000L * 784 * sizeof(float), footprint.MixedSetBytes);
        Assert.Equal(footprint.ParameterBytes + footprint.ActivationBytes + footprint.MixedSetBytes, footprint.TrainingBytes);

        var errors = TrainingBudget.Check(footprint, GiB, 2 * GiB);
        Assert.Equal(["batchSize", "drawings.copies", "hidden"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("the training set with the drawings mixed in", errors["drawings.copies"][0], StringComparison.Ordinal);
    }
}
