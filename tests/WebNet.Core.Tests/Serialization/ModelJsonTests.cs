using WebNet.Core.Drawings;
using WebNet.Core.Imaging;
using WebNet.Core.Network;
using WebNet.Core.Serialization;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.Serialization;

public class ModelJsonTests
{
    [Fact]
    public void ARoundTripGivesIdenticalParametersAndPredictions()
    {
        var original = TestModels.Seed();
        var read = ModelJson.Read(ModelJson.Serialize(original));

        Assert.Equal(original.Network.Shape.ToString(), read.Network.Shape.ToString());
        Assert.Equal(original.Network.Parameters, read.Network.Parameters);
        foreach (var input in TestModels.Inputs(20, 784))
        {
            var expected = new float[10];
            var actual = new float[10];
            original.Network.Predict(input, expected);
            read.Network.Predict(input, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void ADeeperSoftmaxNetworkRoundTripsWithEveryActivation()
    {
        var shape = new NetworkShape(
            [new LayerSpec(784, 32, Activation.Relu), new LayerSpec(32, 16, Activation.Tanh), new LayerSpec(16, 10, Activation.Softmax)],
            Cost.SoftmaxCrossEntropy);
        var network = Initializers.Create(shape, Initializer.He, new SplitMix64(3));
        var read = ModelJson.Read(ModelJson.Serialize(new ModelDocument(network, ModelInput.Mnist)));
        Assert.Equal(shape.ToString(), read.Network.Shape.ToString());
        Assert.Equal(network.Parameters, read.Network.Parameters);
        Assert.Null(read.Training);
    }

    [Fact]
    public void TheDocumentHasTheShapeDescribedInTheDesign()
    {
        var json = TestModels.Parse(ModelJson.Serialize(TestModels.Seed()));

        Assert.Equal("webnet-mlp", (string?)json["format"]);
        Assert.Equal(1, (int?)json["version"]);
        Assert.Equal(28, (int?)json["input"]!["width"]);
        Assert.Equal("mnist", (string?)json["input"]!["preprocess"]);
        Assert.Equal("cross-entropy", (string?)json["cost"]);
        var layer = json["layers"]![0]!;
        Assert.Equal("sigmoid", (string?)layer["activation"]);
        Assert.Equal(784, (int?)layer["inputs"]);
        Assert.Equal(64, (int?)layer["outputs"]);
        Assert.Equal(64, layer["weights"]!.AsArray().Count);
        Assert.Equal(784, layer["weights"]![0]!.AsArray().Count);
        Assert.Equal(64, layer["biases"]!.AsArray().Count);
        Assert.Equal("seed", (string?)json["training"]!["preset"]);
        Assert.Equal(230, (int?)json["training"]!["epochs"]);
        Assert.Equal(0.925, (double?)json["training"]!["testAccuracy"]);
        Assert.Equal(500, (int?)json["training"]!["hyperparameters"]!["batchSize"]);
    }

    [Fact]
    public void TheTrainingRecordSaysHowManyCopiesOfTheDrawingsWereMixedInAndWhatShareWasHeldOut()
    {
        var options = Presets.Seed with { Drawings = new DrawingsTraining { Copies = 7, HeldOut = 0.25 } };
        var hyperparameters = ModelTrainingInfo.From(options, 3, null).Hyperparameters;
        Assert.Equal(7, (int?)hyperparameters["drawings"]!["copies"]);
        Assert.Equal(0.25, (double?)hyperparameters["drawings"]!["heldOut"]);
        Assert.Equal(0, (int?)ModelTrainingInfo.From(Presets.Seed, 3, null).Hyperparameters["drawings"]!["copies"]);
    }

    [Fact]
    public void AWeightsRowIsOneNeuronsIncomingWeights()
    {
        var original = TestModels.Seed();
        var json = TestModels.Parse(ModelJson.Serialize(original));
        var row = json["layers"]![0]!["weights"]![5]!.AsArray().Select(v => (float)v!).ToArray();
        Assert.Equal(original.Network.NeuronWeights(0, 5).ToArray(), row);
    }

    [Fact]
    public void TrainingInformationAndInputSurviveARoundTrip()
    {
        var document = new ModelDocument(TestModels.Random([784, 10]), new ModelInput(28, 28, PreprocessMode.None), ModelTrainingInfo.From(Presets.Fast with { LearningRate = 0.125f }, 12, null));
        var read = ModelJson.Read(ModelJson.Serialize(document));

        Assert.Equal(PreprocessMode.None, read.Input.Preprocess);
        Assert.Equal("fast", read.Training!.Preset);
        Assert.Equal(12, read.Training.Epochs);
        Assert.Null(read.Training.TestAccuracy);
        Assert.Equal(0.125, (double)read.Training.Hyperparameters["learningRate"]!);
        Assert.Equal("momentum", (string?)read.Training.Hyperparameters["optimizer"]);
        Assert.Equal(ModelJson.Format, read.SourceFormat);
    }

    [Fact]
    public async Task ReadingFromAStreamGivesTheSameModel()
    {
        var bytes = ModelJson.Serialize(TestModels.Seed());
        using var stream = new MemoryStream(bytes);
        var read = await ModelJson.ReadAsync(stream);
        Assert.Equal(TestModels.Seed().Network.Parameters, read.Network.Parameters);
    }

    [Fact]
    public void ADivergedNetworkIsNotWritten()
    {
        var network = TestModels.Random([784, 10]);
        network.Parameters[17] = float.NaN;
        var ex = Assert.Throws<ArgumentException>(() => ModelJson.Serialize(new ModelDocument(network, ModelInput.Mnist)));
        Assert.Contains("index 17", ex.Message, StringComparison.Ordinal);
    }
}
