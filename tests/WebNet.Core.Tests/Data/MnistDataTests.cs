using System.Buffers.Binary;
using WebNet.Core.Data;

namespace WebNet.Core.Tests.Data;

public sealed class MnistDataTests
{
    [Fact]
    public void IdxReaderReadsDimensionsAndScalesPixels()
    {
        var images = Idx([2, 2, 3], [0, 255, 51, 0, 0, 0, 1, 2, 3, 4, 5, 255]);
        var labels = Idx([2], [7, 1]);

        var data = IdxReader.ReadDataset(images, labels, "img", "lbl");

        Assert.Equal(2, data.Count);
        Assert.Equal(3, data.Width);
        Assert.Equal(2, data.Height);
        Assert.Equal(1f, data.Images[1]);
        Assert.Equal(0.2f, data.Images[2], 1e-6f);
        Assert.Equal([7, 1], data.Labels);
    }

    [Fact]
    public void TruncatedIdxFileIsReportedAsTruncated()
    {
        var file = Idx([3, 2, 2], new byte[12]);
        var error = Assert.Throws<DataFormatException>(() => IdxReader.Read(file.AsSpan(0, file.Length - 1), "train-images"));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("train-images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileWithoutTheIdxMagicIsRejected()
    {
        var error = Assert.Throws<DataFormatException>(() => IdxReader.Read("GIF89a-not-idx"u8, "x"));
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelsOutsideZeroToNineAreRejected()
    {
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadDataset(Idx([1, 1, 1], [0]), Idx([1], [12]), "i", "l"));
        Assert.Contains("label 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadDataset(Idx([2, 1, 1], [0, 0]), Idx([3], [1, 2, 3]), "i", "l"));
        Assert.Contains("2 images but l has 3 labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDataFolderSaysWhatToRun()
    {
        var error = Assert.Throws<DataFormatException>(() => MnistLoader.Load(Path.Combine(Path.GetTempPath(), "webnet-no-such-folder")));
        Assert.Contains("npm ci", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedOrAlteredFilesAreReportedAsSuch()
    {
        var folder = Directory.CreateTempSubdirectory("webnet-mnist-").FullName;
        try
        {
            foreach (var name in MnistLoader.Checksums.Keys)
            {
                File.WriteAllBytes(Path.Combine(folder, name), Idx([1], [1]));
            }

            var error = Assert.Throws<DataFormatException>(() => MnistLoader.Load(folder));
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);

            // Right length, wrong content.
            File.WriteAllBytes(Path.Combine(folder, MnistLoader.TrainImages), new byte[MnistLoader.Sizes[MnistLoader.TrainImages]]);
            error = Assert.Throws<DataFormatException>(() => MnistLoader.Load(folder));
            Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
            Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TheRealMnistFilesLoadWithTheirPublishedSizes()
    {
        var (train, test) = MnistLoader.Load();
        Assert.Equal(60_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(784, train.InputSize);
        Assert.Equal(10, Enumerable.Range(0, 10).Count(d => test.Labels.Contains((byte)d)));
    }

    private static byte[] Idx(int[] dims, byte[] data)
    {
        var header = new byte[4 + (4 * dims.Length)];
        header[2] = 0x08;
        header[3] = (byte)dims.Length;
        for (var d = 0; d < dims.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * d)), dims[d]);
        }

        return [.. header, .. data];
    }
}
