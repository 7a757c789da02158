using System.IO.Compression;
using System.Text;
using WebNet.Core.Data;
using WebNet.Core.Drawings;
using WebNet.Core.Imaging;
using WebNet.Core.PenStrokes;

namespace WebNet.Core.Tests.Drawings;

public sealed class DrawingArchiveTests
{
    [Fact]
    public void AZipReadsBackTheSameDrawingsBitForBit()
    {
        var set = Set(12);
        var zip = Zip(set);
        var back = DrawingArchive.ReadZip(new MemoryStream(zip));
        Assert.Equal(set.Count, back.Count);
        for (var i = 0; i < set.Count; i++)
        {
            Assert.Equal(set.Drawings[i].Label, back.Drawings[i].Label);
            Assert.Equal(set.Drawings[i].Png, back.Drawings[i].Png);
        }

        // And written again it is the same file.
        Assert.Equal(zip, Zip(back));
    }

    [Fact]
    public void TheIdxExportReadsBackWithTheIdxReaderAsTheInputsTheNetworkSees()
    {
        var set = Set(5);
        using var images = new MemoryStream();
        using var labels = new MemoryStream();
        DrawingArchive.WriteIdx(set, PreprocessMode.Stroke, images, labels);
        var read = IdxReader.ReadDataset(images.ToArray(), labels.ToArray(), "images", "labels");
        var inputs = set.ToDataset(PreprocessMode.Stroke);
        Assert.Equal(inputs.Labels, read.Labels);
        Assert.Equal((28, 28, 5), (read.Width, read.Height, read.Count));
        for (var i = 0; i < inputs.Images.Length; i++)
        {
            Assert.Equal(inputs.Images[i], read.Images[i], 1f / 510f);
        }

        // The IDX zip and the PNG zip both read as inputs.
        using var idxZip = new MemoryStream();
        DrawingArchive.WriteIdxZip(set, PreprocessMode.Stroke, idxZip);
        Assert.Equal(read.Images, DrawingArchive.ReadDataset(idxZip.ToArray(), PreprocessMode.Mnist).Images);
        Assert.Equal(inputs.Images, DrawingArchive.ReadDataset(Zip(set), PreprocessMode.Stroke).Images);
    }

    [Theory]
    [InlineData("../evil.png", "plain names")]
    [InlineData("sub/a.png", "plain names")]
    [InlineData("/abs.png", "plain names")]
    [InlineData("C:evil.png", "plain names")]
    public void AnEntryThatIsNotAPlainNameIsRefused(string name, string expected)
    {
        var zip = Archive(("labels.csv", "file,label\n00001.png,3\n"u8.ToArray()), ("00001.png", Set(1).Drawings[0].Png), (name, [1, 2, 3]));
        var e = Assert.Throws<DataFormatException>(() => DrawingArchive.ReadZip(new MemoryStream(zip)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file,label\n00001.png,12\n", "label 12")]
    [InlineData("file,label\n00001.png,-1\n", "line 2")]
    [InlineData("file,label\n00002.png,1\n", "not in the zip")]
    [InlineData("file,label\n00001.png,1\n00001.png,2\n", "twice")]
    [InlineData("name;digit\n00001.png;1\n", "header")]
    [InlineData("file,label\n00001.png\n", "line 2")]
    public void BadLabelsAreNamed(string csv, string expected)
    {
        var zip = Archive(("labels.csv", Encoding.UTF8.GetBytes(csv)), ("00001.png", Set(1).Drawings[0].Png));
        var e = Assert.Throws<DataFormatException>(() => DrawingArchive.ReadZip(new MemoryStream(zip)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptZipOneWithoutLabelsAndAnOversizedDrawingAreRefused()
    {
        var zip = Zip(Set(3));
        var corrupt = zip.AsSpan(0, zip.Length / 2).ToArray();
        Assert.Contains("zip", Assert.Throws<DataFormatException>(() => DrawingArchive.ReadZip(new MemoryStream(corrupt))).Message, StringComparison.Ordinal);
        Assert.Contains("zip", Assert.Throws<DataFormatException>(() => DrawingArchive.ReadDataset("not a zip"u8.ToArray(), PreprocessMode.Stroke)).Message, StringComparison.Ordinal);

        var unlabelled = Archive(("00001.png", Set(1).Drawings[0].Png));
        Assert.Contains("labels.csv", Assert.Throws<DataFormatException>(() => DrawingArchive.ReadZip(new MemoryStream(unlabelled))).Message, StringComparison.Ordinal);

        var huge = Archive(("labels.csv", "file,label\n00001.png,3\n"u8.ToArray()), ("00001.png", new byte[DrawingSet.MaxPngBytes + 1]));
        Assert.Contains("at most", Assert.Throws<DataFormatException>(() => DrawingArchive.ReadZip(new MemoryStream(huge))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdxFilesWithWrongMagicOrCountsAreRefused()
    {
        using var images = new MemoryStream();
        using var labels = new MemoryStream();
        DrawingArchive.WriteIdx(Set(3), PreprocessMode.Stroke, images, labels);
        var badMagic = images.ToArray();
        badMagic[0] = 7;
        Assert.Throws<DataFormatException>(() => DrawingArchive.ReadIdx(badMagic, labels.ToArray(), "images", "labels"));
        var fewer = labels.ToArray();
        fewer[7] = 2;
        Assert.Contains("labels", Assert.Throws<DataFormatException>(() => DrawingArchive.ReadIdx(images.ToArray(), fewer, "images", "labels")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABlankOrUnreadableDrawingIsNamedWhenTheSetBecomesInputs()
    {
        using var blank = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(50, 50);
        using var png = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsPng(blank, png);
        var set = new DrawingSet([Set(1).Drawings[0], new LabelledDrawing(4, png.ToArray())]);
        Assert.Contains("drawing 2 has no ink", Assert.Throws<DataFormatException>(() => set.ToDataset(PreprocessMode.Stroke)).Message, StringComparison.Ordinal);
        var garbage = new DrawingSet([new LabelledDrawing(4, [1, 2, 3, 4])]);
        Assert.Contains("drawing 1 is not a readable PNG", Assert.Throws<DataFormatException>(() => garbage.ToDataset(PreprocessMode.Stroke)).Message, StringComparison.Ordinal);
        Assert.Throws<DataFormatException>(() => new DrawingSet([new LabelledDrawing(10, [1])]));
    }

    [Fact]
    public void TheHeldOutSplitFollowsEachDrawingNotItsPlace()
    {
        var set = Set(40);
        var reversed = new DrawingSet(set.Drawings.Reverse());
        var heldOut = set.Part(0.5, heldOut: true);
        Assert.Equal(heldOut.Drawings.Select(d => d.Png).OrderBy(Convert.ToBase64String), reversed.Part(0.5, heldOut: true).Drawings.Select(d => d.Png).OrderBy(Convert.ToBase64String));
        Assert.InRange(heldOut.Count, 10, 30);
        Assert.Equal(set.Count, heldOut.Count + set.Part(0.5, heldOut: false).Count);
    }

    [Fact]
    public void MixingAppendsTheDrawingsAsManyTimesAsAsked()
    {
        var train = new Dataset(new float[3 * 784], [1, 2, 3], 28, 28);
        var drawings = Set(2).ToDataset(PreprocessMode.Stroke);
        var mixed = DrawingSet.Mix(train, drawings, copies: 3);
        Assert.Equal(3 + 6, mixed.Count);
        Assert.Equal([1, 2, 3, .. drawings.Labels, .. drawings.Labels, .. drawings.Labels], mixed.Labels);
        Assert.Equal(drawings.Image(1).ToArray(), mixed.Image(3 + 4 + 1).ToArray());
        Assert.Equal(3, DrawingSet.Mix(train, drawings, copies: 0).Count);
    }

    /// <summary>Pen drawings of simple shapes (a bar, a hook, a loop) at several sizes and places, each labelled.</summary>
    private static DrawingSet Set(int count)
    {
        var drawings = new List<LabelledDrawing>();
        for (var i = 0; i < count; i++)
        {
            StrokeSegment[] strokes = (i % 3) switch
            {
                0 => [new(14, 4, 14, 24)],
                1 => [new(8, 6, 20, 6), new(20, 6, 12, 24)],
                _ => [new(14, 4, 20, 10), new(20, 10, 14, 16), new(14, 16, 8, 10), new(8, 10, 14, 4), new(14, 16, 14, 24)],
            };
            var style = new PenStyle(200 + (i * 7), 0.4 + (0.01 * i), (i % 5) / 4.0, (i % 4) / 3.0, i - 10, 8 + (i % 6), 0, 0, PenInk.DarkOnLight, (0, 0, 0));
            drawings.Add(new LabelledDrawing(i % 3 == 0 ? 1 : i % 3 == 1 ? 7 : 9, PenStrokeRenderer.DrawPng(strokes, style)));
        }

        return new DrawingSet(drawings);
    }

    private static byte[] Zip(DrawingSet set)
    {
        using var stream = new MemoryStream();
        DrawingArchive.WriteZip(set, stream);
        return stream.ToArray();
    }

    private static byte[] Archive(params (string Name, byte[] Bytes)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return stream.ToArray();
    }
}
