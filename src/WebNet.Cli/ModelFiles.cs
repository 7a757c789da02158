using WebNet.Core.Serialization;
using WebNet.Core.Training;

namespace WebNet.Cli;

/// <summary>Reading and writing model JSON files with the CLI's error messages.</summary>
internal static class ModelFiles
{
    public static void Save(Trainer trainer, EpochResult last, string path)
    {
        var document = new ModelDocument(trainer.Snapshot(), ModelInput.Mnist, ModelTrainingInfo.From(trainer.Options, trainer.Epoch, last.TestAccuracy));
        try
        {
            File.WriteAllBytes(path, ModelJson.Serialize(document));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--out: cannot write '{path}': {e.Message}");
        }
    }

    public static ModelDocument Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read the model '{path}': {e.Message}", ExitCodes.Data);
        }

        try
        {
            return ModelJson.Read(bytes);
        }
        catch (ModelFormatException e)
        {
            throw new CliException($"'{path}' is not a usable model: {e.Message}", ExitCodes.Data);
        }
    }
}
