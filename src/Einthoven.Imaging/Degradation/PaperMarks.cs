using SkiaSharp;

namespace Einthoven.Imaging.Degradation;

/// <summary>Things that happen to the paper itself, drawn in page space: creases and pen marks.</summary>
internal static class PaperMarks
{
    /// <summary>
    /// A fold across the page: the paper on one side shifts by up to <paramref name="maxShiftPx"/>, and the fold line
    /// prints a soft dark valley beside a lighter ridge. Returns the new bitmap and the shift applied.
    /// </summary>
    public static (SKBitmap Bitmap, double ShiftPx) Crease(SKBitmap source, Random random, double maxShiftPx, double pxPerMm)
    {
        var (w, h) = (source.Width, source.Height);
        var at = new SKPoint((float)(w * (0.2 + 0.6 * random.NextDouble())), (float)(h * (0.2 + 0.6 * random.NextDouble())));
        var angle = random.NextDouble() * Math.PI;
        var along = new SKPoint((float)Math.Cos(angle), (float)Math.Sin(angle));
        var normal = new SKPoint(-along.Y, along.X);
        var shiftAngle = random.NextDouble() * 2 * Math.PI;
        var shift = maxShiftPx * random.NextDouble();
        var offset = new SKPoint((float)(shift * Math.Cos(shiftAngle)), (float)(shift * Math.Sin(shiftAngle)));

        var result = new SKBitmap(source.Info);
        using var canvas = new SKCanvas(result);
        using var image = SKImage.FromBitmap(source);
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None);
        canvas.DrawImage(image, 0, 0, sampling);
        var reach = 2f * (w + h);
        var builder = new SKPathBuilder();
        using (builder)
        {
            builder.MoveTo(at - Scale(along, reach));
            builder.LineTo(at + Scale(along, reach));
            builder.LineTo(at + Scale(along, reach) + Scale(normal, reach));
            builder.LineTo(at - Scale(along, reach) + Scale(normal, reach));
            builder.Close();
            using var side = builder.Detach();
            canvas.Save();
            canvas.ClipPath(side, antialias: true);
            canvas.DrawImage(image, offset.X, offset.Y, sampling);
            canvas.Restore();
        }
        var mm = (float)pxPerMm;
        using var valley = new SKPaint
        {
            Color = new SKColor(0, 0, 0, (byte)random.Next(25, 70)), IsAntialias = true, StrokeWidth = 0.6f * mm,
            MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 0.4f * mm),
        };
        using var ridge = new SKPaint
        {
            Color = new SKColor(255, 255, 255, (byte)random.Next(40, 90)), IsAntialias = true, StrokeWidth = 0.8f * mm,
            MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 0.6f * mm),
        };
        canvas.DrawLine(at - Scale(along, reach), at + Scale(along, reach), valley);
        var beside = Scale(normal, 1.2f * mm);
        canvas.DrawLine(at - Scale(along, reach) + beside, at + Scale(along, reach) + beside, ridge);
        return (result, shift);
    }

    /// <summary>A pen mark somewhere on the page: a scribbled word, a ring round something, or an underline.</summary>
    public static void Handwriting(SKCanvas canvas, int width, int height, Random random, double pxPerMm)
    {
        var mm = (float)pxPerMm;
        SKColor[] inks = [new(25, 45, 150, 230), new(30, 30, 30, 230), new(150, 30, 40, 220)];
        using var pen = new SKPaint
        {
            Color = inks[random.Next(inks.Length)], IsAntialias = true, Style = SKPaintStyle.Stroke,
            StrokeWidth = (float)(mm * (0.3 + 0.3 * random.NextDouble())), StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round,
        };
        using var path = random.Next(3) switch
        {
            0 => Word(random, mm),
            1 => Ring(random, mm),
            _ => Underline(random, mm),
        };
        canvas.Save();
        canvas.Translate((float)(width * (0.1 + 0.75 * random.NextDouble())), (float)(height * (0.1 + 0.8 * random.NextDouble())));
        canvas.RotateDegrees((float)(random.NextDouble() * 30 - 15));
        canvas.DrawPath(path, pen);
        canvas.Restore();
    }

    // Cursive-looking loops: a prolate cycloid whose loop size and slant wander.
    private static SKPath Word(Random random, float mm)
    {
        using var path = new SKPathBuilder();
        var letters = random.Next(4, 10);
        var a = 0.8 * mm;
        for (var i = 0; i <= letters * 24; i++)
        {
            var t = i / 24.0 * 2 * Math.PI;
            var b = a * (1.4 + 0.8 * Math.Sin(0.7 * t + i % 7));
            var x = a * t - b * Math.Sin(t);
            var y = -(a + b * Math.Cos(t)) * (1 + 0.3 * Math.Sin(1.3 * t));
            if (i == 0) path.MoveTo((float)x, (float)y); else path.LineTo((float)x, (float)y);
        }
        return path.Detach();
    }

    private static SKPath Ring(Random random, float mm)
    {
        using var path = new SKPathBuilder();
        var (rx, ry) = (mm * (8 + 10 * random.NextDouble()), mm * (4 + 6 * random.NextDouble()));
        for (var i = 0; i <= 80; i++)
        {
            var t = i / 70.0 * 2 * Math.PI; // a little past a full turn, as a hand closes a ring
            var r = 1 + 0.06 * Math.Sin(3 * t);
            var p = new SKPoint((float)(rx * r * Math.Cos(t)), (float)(ry * r * Math.Sin(t) + 0.08 * ry * t));
            if (i == 0) path.MoveTo(p); else path.LineTo(p);
        }
        return path.Detach();
    }

    private static SKPath Underline(Random random, float mm)
    {
        using var path = new SKPathBuilder();
        var length = (float)(mm * (20 + 40 * random.NextDouble()));
        path.MoveTo(0, 0);
        path.QuadTo(length / 2, (float)(mm * (random.NextDouble() * 2 - 1)), length, (float)(mm * (random.NextDouble() - 0.5)));
        if (random.Next(2) == 0)
        {
            path.MoveTo(length - 3 * mm, -2 * mm);
            path.LineTo(length, 0);
            path.LineTo(length - 3 * mm, 2 * mm);
        }
        return path.Detach();
    }

    private static SKPoint Scale(SKPoint p, float s) => new(p.X * s, p.Y * s);
}
