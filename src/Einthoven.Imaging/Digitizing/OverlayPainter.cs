using System.Globalization;
using Einthoven.Imaging.Paper;
using SkiaSharp;

namespace Einthoven.Imaging.Digitizing;

/// <summary>A straight grid line in image pixels (a homography maps lines to lines, so its two ends suffice).</summary>
public sealed record OverlayLine(float X0, float Y0, float X1, float Y1);

/// <summary>
/// Shows what the digitiser saw on the photo it saw it in: the grid's outline and its major (5 mm) lines through the
/// page-to-image homography, each extracted trace in a bright colour, and each lead's name with its confidence. The
/// server sends the same geometry (<see cref="GridLines"/>, the traces) for the browser to draw over the user's photo.
/// </summary>
public static class OverlayPainter
{
    public const double MajorLineMm = 5;

    private static readonly SKColor Grid = new(0, 150, 255, 150);
    private static readonly SKColor Outline = new(0, 110, 255, 230);
    private static readonly SKColor Trace = new(0, 230, 90, 235);
    private static readonly SKColor LabelBackground = new(0, 0, 0, 170);

    /// <summary>The grid's outline (first four lines, clockwise from the top) and its major lines, every 5 mm from the grid's top-left corner.</summary>
    public static IReadOnlyList<OverlayLine> GridLines(DigitizeOverlay overlay)
    {
        var (l, t, r, b) = (overlay.GridLeftMm, overlay.GridTopMm, overlay.GridRightMm, overlay.GridBottomMm);
        var lines = new List<OverlayLine> { Line(overlay, l, t, r, t), Line(overlay, r, t, r, b), Line(overlay, r, b, l, b), Line(overlay, l, b, l, t) };
        for (var x = l + MajorLineMm; x < r - 1e-6; x += MajorLineMm) lines.Add(Line(overlay, x, t, x, b));
        for (var y = t + MajorLineMm; y < b - 1e-6; y += MajorLineMm) lines.Add(Line(overlay, l, y, r, y));
        return lines;
    }

    /// <summary>A copy of <paramref name="photo"/> with <paramref name="ecg"/>'s overlay drawn on it; the photo is left as it was.</summary>
    public static SKBitmap Paint(SKBitmap photo, DigitizedEcg ecg)
    {
        var copy = photo.Copy(SKColorType.Rgba8888) ?? throw new InvalidOperationException($"cannot copy a {photo.Width} x {photo.Height} image");
        using var canvas = new SKCanvas(copy);
        // Line widths and text follow the image's size, so a 12 Mpx photo and a 1 Mpx scan look alike when shown on a screen.
        var unit = Math.Max(1f, Math.Max(copy.Width, copy.Height) / 1200f);
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round };
        var lines = GridLines(ecg.Overlay);
        for (var i = 0; i < lines.Count; i++)
        {
            stroke.Color = i < 4 ? Outline : Grid;
            stroke.StrokeWidth = (i < 4 ? 2.5f : 1f) * unit;
            canvas.DrawLine(lines[i].X0, lines[i].Y0, lines[i].X1, lines[i].Y1, stroke);
        }
        stroke.Color = Trace;
        stroke.StrokeWidth = 2f * unit;
        foreach (var trace in ecg.Overlay.Traces)
        {
            if (trace.Points.Length < 4) continue;
            using var builder = new SKPathBuilder();
            builder.MoveTo(trace.Points[0], trace.Points[1]);
            for (var i = 2; i + 1 < trace.Points.Length; i += 2) builder.LineTo(trace.Points[i], trace.Points[i + 1]);
            using var path = builder.Detach();
            canvas.DrawPath(path, stroke);
        }
        Labels(canvas, ecg, unit);
        return copy;
    }

    /// <summary>"V1 93 %" beside each printed lead (the rhythm strip too), white on a dark box so it reads on any paper.</summary>
    private static void Labels(SKCanvas canvas, DigitizedEcg ecg, float unit)
    {
        using var typeface = PaperFonts.Load();
        using var font = new SKFont(typeface, 14 * unit);
        using var box = new SKPaint { Color = LabelBackground, IsAntialias = true };
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        var confidence = ecg.Leads.ToDictionary(l => l.Lead, l => l.Confidence, StringComparer.OrdinalIgnoreCase);
        foreach (var trace in ecg.Overlay.Traces)
        {
            var label = confidence.TryGetValue(trace.Lead, out var c)
                ? string.Create(CultureInfo.InvariantCulture, $"{trace.Lead} {c * 100:0} %")
                : trace.Lead;
            var width = font.MeasureText(label);
            var pad = 3 * unit;
            canvas.DrawRoundRect(trace.LabelX - pad, trace.LabelY - font.Size - pad / 2, width + 2 * pad, font.Size + 2 * pad, pad, pad, box);
            canvas.DrawText(label, trace.LabelX, trace.LabelY, SKTextAlign.Left, font, text);
        }
    }

    private static OverlayLine Line(DigitizeOverlay overlay, double x0, double y0, double x1, double y1)
    {
        var (ax, ay) = overlay.ToImage(x0, y0);
        var (bx, by) = overlay.ToImage(x1, y1);
        return new OverlayLine((float)ax, (float)ay, (float)bx, (float)by);
    }
}
