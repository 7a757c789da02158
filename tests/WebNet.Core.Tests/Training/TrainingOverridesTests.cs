using WebNet.Core.Augmentation;
using WebNet.Core.Drawings;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.Training;

public sealed class TrainingOverridesTests
{
    [Fact]
    public void NothingGivenIsTheSeedPresetAndFieldsGoOverTheNamedPreset()
    {
        Assert.Equal(Presets.Seed, new TrainingOverrides().Resolve(out var none));
        Assert.Empty(none);

        var options = new TrainingOverrides { Preset = "ROBUST ", LearningRate = 0.02f, Hidden = [128, 64], Activation = "tanh", Schedule = "constant", Augmentation = new Dictionary<string, float> { ["Rotation"] = 5, ["pen"] = 0 } }.Resolve(out var errors);
        Assert.Empty(errors);
        Assert.Equal("robust", options!.Preset);
        Assert.Equal(0.02f, options.LearningRate);
        Assert.Equal([128, 64], options.Hidden);
        Assert.Equal(Activation.Tanh, options.Activation);
        Assert.Equal(LearningRateSchedule.Constant, options.Schedule);
        Assert.Equal(Presets.Robust.Augmentation with { Rotation = 5, Pen = 0 }, options.Augmentation);
        Assert.Equal(Presets.Robust.BatchSize, options.BatchSize);
    }

    [Fact]
    public void NoAugmentationStartsFromNoneBeforeTheFieldsGiven()
    {
        var options = new TrainingOverrides { Preset = "robust", NoAugmentation = true, Augmentation = new Dictionary<string, float> { ["shift"] = 1 } }.Resolve(out _);
        Assert.Equal(AugmentationOptions.None with { Shift = 1 }, options!.Augmentation);
        Assert.Equal("custom", new TrainingOverrides { Preset = "custom" }.Resolve(out _)!.Preset);
    }

    [Fact]
    public void EveryBadFieldIsNamedAtOnce()
    {
        var options = new TrainingOverrides
        {
            Preset = "huge",
            Activation = "softmax",
            Cost = "hinge",
            Initializer = "zeros",
            Optimizer = "lion",
            Schedule = "step",
            LearningRate = -1,
            BatchSize = 0,
            Augmentation = new Dictionary<string, float> { ["twirl"] = 1, ["rotation"] = 90 },
        }.Resolve(out var errors);
        Assert.Null(options);
        Assert.Equal(
            ["activation", "augmentation.rotation", "augmentation.twirl", "batchSize", "cost", "initializer", "learningRate", "optimizer", "preset", "schedule"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("use constant or cosine", errors["schedule"][0], StringComparison.Ordinal);
        Assert.Contains("augmentation's fields are rotation, scale, shear, shift, elastic, thickness, pen", errors["augmentation.twirl"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void EachAugmentationFieldIsSetByItsName()
    {
        foreach (var name in AugmentationOptions.Names)
        {
            var set = AugmentationOptions.None.With(name, 0.25f);
            Assert.Equal(0.25f, Assert.Single(set.Ranges(), r => r.Name == name).Value);
            Assert.All(set.Ranges().Where(r => r.Name != name), r => Assert.Equal(0f, r.Value));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => AugmentationOptions.None.With("twirl", 1));
    }

    [Fact]
    public void TheDrawingsCopiesAndHeldOutShareGoOverThePresetsNoneAndAreCheckedByName()
    {
        Assert.Equal(DrawingsTraining.None, Presets.Robust.Drawings);
        var options = new TrainingOverrides { Preset = "fast", DrawingsCopies = 20 }.Resolve(out var errors);
        Assert.Empty(errors);
        Assert.Equal(new DrawingsTraining { Copies = 20, HeldOut = 0.5 }, options!.Drawings);
        Assert.True(options.Drawings.Mixed);
        Assert.Equal(0.25, new TrainingOverrides { DrawingsHeldOut = 0.25 }.Resolve(out _)!.Drawings.HeldOut);

        Assert.Null(new TrainingOverrides { DrawingsCopies = -1, DrawingsHeldOut = 0 }.Resolve(out var bad));
        Assert.Equal(["drawings.copies", "drawings.heldOut"], bad.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("from 0 (the drawings are not trained on) to 1000", bad["drawings.copies"][0], StringComparison.Ordinal);
        Assert.Null(new TrainingOverrides { DrawingsCopies = 1001, DrawingsHeldOut = 1.5 }.Resolve(out var over));
        Assert.Equal(2, over.Count);
        Assert.Null(new TrainingOverrides { DrawingsHeldOut = double.NaN }.Resolve(out var notANumber));
        Assert.Contains("drawings.heldOut", notANumber.Keys);
        Assert.NotNull(new TrainingOverrides { DrawingsCopies = 1000, DrawingsHeldOut = 1 }.Resolve(out _));
    }
}
