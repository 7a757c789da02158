using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using WebNet.Core.Data;
using WebNet.Core.Imaging;

namespace WebNet.Core.Drawings;

/// <summary>
/// A drawing set as files: a zip of the PNGs as drawn with <c>labels.csv</c> (<c>file,label</c>, one row a drawing),
/// which reads back bit for bit; or a pair of IDX files (LeCun's MNIST format) of the 28x28 inputs and labels, which any
/// MNIST loader reads. Reading a zip trusts nothing in it: entry names must be plain file names in the archive's top
/// folder (no <c>..</c>, no folders, no absolute paths), sizes are bounded before and while reading, every label is a
/// digit and every listed file is present.
/// </summary>
public static class DrawingArchive
{
    public const string LabelsFile = "labels.csv";

    /// <summary>The IDX pair's names inside an IDX zip (<see cref="WriteIdxZip"/>), named as MNIST's own files are.</summary>
    public const string ImagesIdx = "drawings-images-idx3-ubyte";

    public const string LabelsIdx = "drawings-labels-idx1-ubyte";

    private const string Header = "file,label";

    /// <summary>The set as a zip: drawing k (from 1) as <c>00001.png</c> with its row in labels.csv.</summary>
    public static void WriteZip(DrawingSet set, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var labels = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < set.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{i + 1:D5}.png");
            labels.Append(name).Append(',').Append(set.Drawings[i].Label.ToString(CultureInfo.InvariantCulture)).Append('\n');

            // PNGs are compressed already; stored as they are they read back as fast as they were written.
            using var entry = Entry(zip, name, CompressionLevel.NoCompression);
            entry.Write(set.Drawings[i].Png);
        }

        using var csv = new StreamWriter(Entry(zip, LabelsFile, CompressionLevel.Optimal), new UTF8Encoding(false));
        csv.Write(labels.ToString());
    }

    /// <summary>A zip as <see cref="WriteZip"/> writes it; anything else is a <see cref="DataFormatException"/> that says what is wrong.</summary>
    public static DrawingSet ReadZip(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException($"The drawing set is not a readable zip: {e.Message}", e);
        }

        using (zip)
        {
            try
            {
                return Read(zip);
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException($"The drawing set's zip is corrupt: {e.Message}", e);
            }
        }
    }

    private static DrawingSet Read(ZipArchive zip)
    {
        if (zip.Entries.Count > DrawingSet.MaxDrawings + 1)
        {
            throw new DataFormatException($"The zip holds {zip.Entries.Count} files; a drawing set is at most {DrawingSet.MaxDrawings} PNGs and {LabelsFile}.");
        }

        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            if (name.Length == 0 || name.Contains('/') || name.Contains('\\') || name.Contains(':') || name == "." || name == ".." || name.Contains('\0'))
            {
                throw new DataFormatException($"The zip holds '{name}'; a drawing set's files are plain names in its top folder (no folders, no '..', no absolute paths).");
            }

            if (!entries.TryAdd(name, entry))
            {
                throw new DataFormatException($"The zip holds '{name}' twice.");
            }
        }

        if (!entries.TryGetValue(LabelsFile, out var labelsEntry))
        {
            throw new DataFormatException($"The zip has no {LabelsFile} (rows of file,label).");
        }

        var csv = Encoding.UTF8.GetString(ReadBounded(labelsEntry, 64 * (DrawingSet.MaxDrawings + 1)));
        var lines = csv.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0 || !lines[0].Equals(Header, StringComparison.OrdinalIgnoreCase))
        {
            throw new DataFormatException($"{LabelsFile} must start with the header '{Header}'.");
        }

        var drawings = new List<LabelledDrawing>(lines.Length - 1);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 1; row < lines.Length; row++)
        {
            var cells = lines[row].Split(',');
            if (cells.Length != 2 || !int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var label))
            {
                throw new DataFormatException($"{LabelsFile} line {row + 1} is '{lines[row]}'; each row is file,label with a digit label.");
            }

            var file = cells[0].Trim();
            if (!entries.TryGetValue(file, out var entry) || file == LabelsFile)
            {
                throw new DataFormatException($"{LabelsFile} line {row + 1} names '{file}', which is not in the zip.");
            }

            if (!listed.Add(file))
            {
                throw new DataFormatException($"{LabelsFile} lists '{file}' twice.");
            }

            var png = ReadBounded(entry, DrawingSet.MaxPngBytes);
            DrawingSet.Check(label, png, file);
            drawings.Add(new LabelledDrawing(label, png));
        }

        return new DrawingSet(drawings);
    }

    /// <summary>An entry's bytes, refused past limit whatever its header claims (a zip bomb's declared sizes can lie).</summary>
    private static byte[] ReadBounded(ZipArchiveEntry entry, int limit)
    {
        if (entry.Length > limit)
        {
            throw new DataFormatException($"'{entry.FullName}' is {entry.Length} bytes; at most {limit} are allowed.");
        }

        using var stream = entry.Open();
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (copy.Length + read > limit)
            {
                throw new DataFormatException($"'{entry.FullName}' unpacks to more than {limit} bytes.");
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    /// <summary>
    /// The set's 28x28 inputs (preprocessed by mode, ink 0..1 as bytes 0..255) and labels as IDX files, the layout of
    /// MNIST's t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte.
    /// </summary>
    public static void WriteIdx(DrawingSet set, PreprocessMode mode, Stream images, Stream labels)
    {
        ArgumentNullException.ThrowIfNull(set);
        WriteIdx(set.ToDataset(mode), images, labels);
    }

    /// <summary>Inputs (ink 0..1, written as bytes 0..255) and labels as the IDX pair.</summary>
    public static void WriteIdx(Dataset data, Stream images, Stream labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        WriteHeader(images, 0x08, [data.Count, data.Height, data.Width]);
        var pixels = new byte[data.Images.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)MathF.Round(Math.Clamp(data.Images[i], 0f, 1f) * 255f);
        }

        images.Write(pixels);
        WriteHeader(labels, 0x08, [data.Count]);
        labels.Write(data.Labels);
    }

    /// <summary>28x28 inputs held as bytes (as IDX holds them) read as an IDX reader reads them, so both give the same floats.</summary>
    public static Dataset InputsFromBytes(byte[] pixels, byte[] labels)
    {
        const int size = DigitPreprocessor.FieldSize;
        using var images = new MemoryStream();
        using var labelFile = new MemoryStream();
        WriteHeader(images, 0x08, [labels.Length, size, size]);
        images.Write(pixels);
        WriteHeader(labelFile, 0x08, [labels.Length]);
        labelFile.Write(labels);
        return ReadIdx(images.ToArray(), labelFile.ToArray(), "inputs", "labels");
    }

    /// <summary>IDX files as <see cref="WriteIdx"/> writes them (or MNIST's own), read with the project's IDX reader.</summary>
    public static Dataset ReadIdx(ReadOnlySpan<byte> images, ReadOnlySpan<byte> labels, string imagesName, string labelsName)
    {
        var data = IdxReader.ReadDataset(images, labels, imagesName, labelsName);
        if (data.Width != DigitPreprocessor.FieldSize || data.Height != DigitPreprocessor.FieldSize)
        {
            throw new DataFormatException($"{imagesName} holds {data.Width}x{data.Height} images; drawings are {DigitPreprocessor.FieldSize}x{DigitPreprocessor.FieldSize}.");
        }

        return data;
    }

    /// <summary>The IDX pair (<see cref="WriteIdx"/>) in one zip, as the export's idx format downloads it.</summary>
    public static void WriteIdxZip(DrawingSet set, PreprocessMode mode, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(set);
        WriteIdxZip(set.ToDataset(mode), destination);
    }

    /// <summary>Inputs already made (28x28, 0..1) as the IDX pair in one zip.</summary>
    public static void WriteIdxZip(Dataset inputs, Stream destination)
    {
        using var images = new MemoryStream();
        using var labels = new MemoryStream();
        WriteIdx(inputs, images, labels);
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in new[] { (ImagesIdx, images), (LabelsIdx, labels) })
        {
            using var entry = Entry(zip, name, CompressionLevel.Optimal);
            bytes.Position = 0;
            bytes.CopyTo(entry);
        }
    }

    /// <summary>
    /// Either zip as 28x28 inputs: the PNG zip (labels.csv) preprocessed by mode, or the IDX zip as it is (its inputs
    /// were preprocessed when it was written). A <see cref="DataFormatException"/> says what is wrong with any other.
    /// </summary>
    public static Dataset ReadDataset(byte[] zipBytes, PreprocessMode mode)
    {
        ArgumentNullException.ThrowIfNull(zipBytes);
        bool idx;
        try
        {
            using var probe = new ZipArchive(new MemoryStream(zipBytes, writable: false), ZipArchiveMode.Read);
            idx = probe.GetEntry(LabelsFile) is null && probe.GetEntry(ImagesIdx) is not null;
            if (idx)
            {
                var images = ReadBounded(probe.GetEntry(ImagesIdx)!, 16 + (DrawingSet.MaxDrawings * DigitPreprocessor.FieldSize * DigitPreprocessor.FieldSize));
                var labels = ReadBounded(probe.GetEntry(LabelsIdx) ?? throw new DataFormatException($"The zip has {ImagesIdx} but no {LabelsIdx}."), 8 + DrawingSet.MaxDrawings);
                return ReadIdx(images, labels, ImagesIdx, LabelsIdx);
            }
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException($"The drawing set is not a readable zip: {e.Message}", e);
        }

        return ReadZip(new MemoryStream(zipBytes, writable: false)).ToDataset(mode);
    }

    /// <summary>An entry stamped with one fixed time (zip's earliest), so the same set always makes the same file.</summary>
    private static Stream Entry(ZipArchive zip, string name, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return entry.Open();
    }

    private static void WriteHeader(Stream stream, byte type, int[] dimensions)
    {
        Span<byte> header = stackalloc byte[4 + (4 * dimensions.Length)];
        header[2] = type;
        header[3] = (byte)dimensions.Length;
        for (var d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.Slice(4 + (4 * d), 4), dimensions[d]);
        }

        stream.Write(header);
    }
}
