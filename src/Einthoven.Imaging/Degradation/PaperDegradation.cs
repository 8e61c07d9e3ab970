using Einthoven.Imaging.Paper;
using SkiaSharp;

namespace Einthoven.Imaging.Degradation;

/// <summary>
/// Degrades a rendered page the way paper, scanners and phone cameras do, deterministically per seed, and carries
/// the ground truth along: the page-to-image homography gains the camera's projection.
/// </summary>
public static class PaperDegradation
{
    public static RenderedPaper Apply(RenderedPaper page, DegradationOptions options, int seed)
    {
        var random = new Random(seed);
        var px = page.Truth.Options.PxPerMm;
        var bitmap = page.Bitmap.Copy(SKColorType.Rgba8888);
        var unmodelled = page.Truth.UnmodelledDisplacementPx;

        // The paper: creases and pen marks move with it, so they come before the camera.
        var creases = options.Creases > 0 ? random.Next(1, options.Creases + 1) : 0;
        for (var i = 0; i < creases; i++)
        {
            var (creased, shift) = PaperMarks.Crease(bitmap, random, options.CreaseShiftMm * px, px);
            bitmap.Dispose();
            bitmap = creased;
            unmodelled += shift;
        }
        var marks = options.HandwritingMarks > 0 ? random.Next(1, options.HandwritingMarks + 1) : 0;
        using (var canvas = new SKCanvas(bitmap))
            for (var i = 0; i < marks; i++) PaperMarks.Handwriting(canvas, bitmap.Width, bitmap.Height, random, px);

        // The camera or scanner: where the page lands in the frame.
        var warp = Warp(random, options, bitmap.Width, bitmap.Height);
        bitmap = Replace(bitmap, Project(bitmap, warp, Background(random, options)));

        // Light, optics and sensor.
        using (var canvas = new SKCanvas(bitmap))
            Lighting(canvas, random, options, bitmap.Width, bitmap.Height);
        var sigma = options.BlurMm > 0 ? options.BlurMm * px * (1 + 2 * random.NextDouble()) / 3 : 0;
        if (sigma > 0) bitmap = Replace(bitmap, Blur(bitmap, sigma));
        if (options.Noise > 0) AddNoise(bitmap, random, options.Noise);
        if (options.JpegQuality is { } quality) bitmap = Replace(bitmap, PaperImages.Decode(PaperImages.Encode(bitmap, PaperImageFormat.Jpeg, quality), "jpeg round trip"));

        var truth = page.Truth with { PageToImage = page.Truth.PageToImage.Then(warp), UnmodelledDisplacementPx = unmodelled };
        return new RenderedPaper(bitmap, truth);
    }

    /// <summary>
    /// Rotate the page about its centre, push each corner out of square for perspective, then scale and shift it so the
    /// whole page stays in the frame, filling between <see cref="DegradationOptions.MinPageScale"/> and all of the room.
    /// </summary>
    internal static Homography Warp(Random random, DegradationOptions o, int width, int height)
    {
        var (cx, cy) = (width / 2.0, height / 2.0);
        var angle = (random.NextDouble() * 2 - 1) * o.RotationDegrees * Math.PI / 180;
        (double X, double Y)[] page = [(0, 0), (width, 0), (width, height), (0, height)];
        var moved = page.Select(p =>
        {
            var (dx, dy) = (p.X - cx + (random.NextDouble() * 2 - 1) * o.Perspective * width, p.Y - cy + (random.NextDouble() * 2 - 1) * o.Perspective * height);
            return (X: dx * Math.Cos(angle) - dy * Math.Sin(angle), Y: dx * Math.Sin(angle) + dy * Math.Cos(angle));
        }).ToArray();
        var fit = Math.Min(width / (moved.Max(p => p.X) - moved.Min(p => p.X)), height / (moved.Max(p => p.Y) - moved.Min(p => p.Y)));
        var scale = fit * (o.MinPageScale + (1 - o.MinPageScale) * random.NextDouble());
        var spanX = (moved.Max(p => p.X) - moved.Min(p => p.X)) * scale;
        var spanY = (moved.Max(p => p.Y) - moved.Min(p => p.Y)) * scale;
        var left = (width - spanX) * random.NextDouble() - moved.Min(p => p.X) * scale;
        var top = (height - spanY) * random.NextDouble() - moved.Min(p => p.Y) * scale;
        return Homography.FromPoints(page, moved.Select(p => (left + p.X * scale, top + p.Y * scale)).ToArray());
    }

    private static SKColor Background(Random random, DegradationOptions o)
    {
        if (!o.OnTable)
        {
            var lid = (byte)random.Next(232, 250);
            return new SKColor(lid, lid, lid);
        }
        SKColor[] tables = [new(120, 85, 60), new(70, 70, 75), new(160, 150, 135), new(40, 45, 55)];
        var t = tables[random.Next(tables.Length)];
        int Jitter(byte c) => Math.Clamp(c + random.Next(-15, 16), 0, 255);
        return new SKColor((byte)Jitter(t.Red), (byte)Jitter(t.Green), (byte)Jitter(t.Blue));
    }

    private static SKBitmap Project(SKBitmap source, Homography warp, SKColor background)
    {
        var result = new SKBitmap(source.Info);
        using var canvas = new SKCanvas(result);
        canvas.Clear(background);
        canvas.SetMatrix(warp.ToSkMatrix());
        using var image = SKImage.FromBitmap(source);
        using var paint = new SKPaint { IsAntialias = true };
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), paint);
        return result;
    }

    /// <summary>A light falling off across the frame, and a soft shadow (a hand or the phone) over one edge.</summary>
    private static void Lighting(SKCanvas canvas, Random random, DegradationOptions o, int width, int height)
    {
        if (o.LightingGradient > 0)
        {
            var angle = random.NextDouble() * 2 * Math.PI;
            var (cx, cy, r) = (width / 2f, height / 2f, Math.Max(width, height) / 2f);
            var dir = new SKPoint((float)Math.Cos(angle) * r, (float)Math.Sin(angle) * r);
            var dim = (byte)Math.Round(255 * (1 - o.LightingGradient * (0.4 + 0.6 * random.NextDouble())));
            using var gradient = new SKPaint
            {
                BlendMode = SKBlendMode.Multiply,
                Shader = SKShader.CreateLinearGradient(new SKPoint(cx - dir.X, cy - dir.Y), new SKPoint(cx + dir.X, cy + dir.Y),
                    [SKColors.White, new SKColor(dim, dim, (byte)Math.Max(0, dim - 10))], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, gradient);
        }
        if (o.Shadow > 0)
        {
            var darkness = o.Shadow * (0.5 + 0.5 * random.NextDouble());
            using var shadow = new SKPaint
            {
                Color = new SKColor(0, 0, 0, (byte)Math.Round(255 * darkness)), IsAntialias = true,
                MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 0.04f * Math.Max(width, height)),
            };
            // A blob reaching in from a random edge point.
            var edge = random.Next(4);
            var along = (float)random.NextDouble();
            var at = edge switch
            {
                0 => new SKPoint(along * width, 0),
                1 => new SKPoint(width, along * height),
                2 => new SKPoint(along * width, height),
                _ => new SKPoint(0, along * height),
            };
            canvas.DrawOval(at, new SKSize((float)(width * (0.15 + 0.2 * random.NextDouble())), (float)(height * (0.2 + 0.25 * random.NextDouble()))), shadow);
        }
    }

    private static SKBitmap Blur(SKBitmap source, double sigma)
    {
        var result = new SKBitmap(source.Info);
        using var canvas = new SKCanvas(result);
        using var image = SKImage.FromBitmap(source);
        using var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur((float)sigma, (float)sigma, SKShaderTileMode.Clamp) };
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), paint);
        return result;
    }

    /// <summary>Independent Gaussian noise on each colour channel.</summary>
    private static unsafe void AddNoise(SKBitmap bitmap, Random random, double sigma)
    {
        var pixels = new Span<byte>((void*)bitmap.GetPixels(), bitmap.ByteCount);
        for (var i = 0; i < pixels.Length; i += 4)
        for (var c = 0; c < 3; c++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            pixels[i + c] = (byte)Math.Clamp(Math.Round(pixels[i + c] + sigma * gaussian), 0, 255);
        }
    }

    private static SKBitmap Replace(SKBitmap old, SKBitmap next)
    {
        old.Dispose();
        return next;
    }
}
