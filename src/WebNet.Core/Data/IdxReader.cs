using System.Buffers.Binary;
using System.Numerics.Tensors;

namespace WebNet.Core.Data;

/// <summary>Thrown for a data file that is missing, truncated or not what it claims to be.</summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string message)
        : base(message)
    {
    }

    public DataFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public DataFormatException()
    {
    }
}

/// <summary>
/// Reads IDX files (LeCun's MNIST format): a big-endian magic 0x0000 TT DD (type code TT, DD dimensions),
/// DD big-endian int32 sizes, then the data. Only unsigned bytes (0x08) are used by MNIST.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Parses an IDX file of unsigned bytes: returns its dimensions and its data.</summary>
    public static (int[] Dimensions, byte[] Data) Read(ReadOnlySpan<byte> file, string name)
    {
        if (file.Length < 4)
        {
            throw new DataFormatException($"{name} is too short to be an IDX file ({file.Length} bytes).");
        }

        if (file[0] != 0 || file[1] != 0)
        {
            throw new DataFormatException($"{name} is not an IDX file (bad magic number).");
        }

        if (file[2] != UnsignedByte)
        {
            throw new DataFormatException($"{name} holds IDX type 0x{file[2]:X2}; only unsigned bytes (0x08) are supported.");
        }

        int rank = file[3];
        if (rank is < 1 or > 4)
        {
            throw new DataFormatException($"{name} claims {rank} dimensions; expected 1 to 4.");
        }

        var headerLength = 4 + (4 * rank);
        if (file.Length < headerLength)
        {
            throw new DataFormatException($"{name} is truncated inside its header.");
        }

        var dimensions = new int[rank];
        long count = 1;
        for (var d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(file.Slice(4 + (4 * d), 4));
            if (dimensions[d] < 0)
            {
                throw new DataFormatException($"{name} has a negative dimension.");
            }

            count *= dimensions[d];
        }

        if (file.Length - headerLength != count)
        {
            throw new DataFormatException($"{name} should hold {count} data bytes after its header but holds {file.Length - headerLength}: the file is truncated or corrupt.");
        }

        return (dimensions, file[headerLength..].ToArray());
    }

    /// <summary>Reads an images file (N, rows, cols) and a labels file (N) into a dataset, pixels scaled to 0..1.</summary>
    public static Dataset ReadDataset(ReadOnlySpan<byte> imagesFile, ReadOnlySpan<byte> labelsFile, string imagesName, string labelsName)
    {
        var (imageDims, pixels) = Read(imagesFile, imagesName);
        var (labelDims, labels) = Read(labelsFile, labelsName);
        if (imageDims.Length != 3)
        {
            throw new DataFormatException($"{imagesName} should have 3 dimensions (count, rows, columns), has {imageDims.Length}.");
        }

        if (labelDims.Length != 1)
        {
            throw new DataFormatException($"{labelsName} should have 1 dimension, has {labelDims.Length}.");
        }

        if (imageDims[0] != labelDims[0])
        {
            throw new DataFormatException($"{imagesName} has {imageDims[0]} images but {labelsName} has {labelDims[0]} labels.");
        }

        foreach (var label in labels)
        {
            if (label > 9)
            {
                throw new DataFormatException($"{labelsName} contains label {label}; MNIST labels are 0 to 9.");
            }
        }

        // pixel * (1/255) a vector at a time: the same floats as the scalar loop (exact conversion, one rounded multiply).
        var images = new float[pixels.Length];
        TensorPrimitives.ConvertTruncating<byte, float>(pixels, images);
        TensorPrimitives.Multiply(images, 1f / 255f, images);

        return new Dataset(images, labels, imageDims[2], imageDims[1]);
    }
}
