using SkiaSharp;

namespace Einthoven.Imaging.Paper;

/// <summary>Draws the 1 mm / 5 mm grid, its lines at whole millimetres from the area's top-left corner.</summary>
internal static class PaperGrid
{
    public static void Draw(SKCanvas canvas, GridColour colour, double pxPerMm, SKRect area)
    {
        var (minorInk, majorInk) = GridInks.Of(colour);
        using var minor = new SKPaint { Color = minorInk, IsAntialias = true, StrokeWidth = (float)Math.Max(0.6, 0.08 * pxPerMm) };
        using var major = new SKPaint { Color = majorInk, IsAntialias = true, StrokeWidth = (float)Math.Max(1, 0.16 * pxPerMm) };
        var columns = (int)Math.Floor(area.Width / pxPerMm + 1e-6);
        var rows = (int)Math.Floor(area.Height / pxPerMm + 1e-6);
        // Minor lines first so the major ones print over them.
        foreach (var isMajor in new[] { false, true })
        {
            var paint = isMajor ? major : minor;
            for (var i = 0; i <= columns; i++)
            {
                if ((i % 5 == 0) != isMajor) continue;
                var x = (float)(area.Left + i * pxPerMm);
                canvas.DrawLine(x, area.Top, x, (float)(area.Top + rows * pxPerMm), paint);
            }
            for (var j = 0; j <= rows; j++)
            {
                if ((j % 5 == 0) != isMajor) continue;
                var y = (float)(area.Top + j * pxPerMm);
                canvas.DrawLine(area.Left, y, (float)(area.Left + columns * pxPerMm), y, paint);
            }
        }
    }
}
