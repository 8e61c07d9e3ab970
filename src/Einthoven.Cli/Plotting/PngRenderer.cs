namespace Einthoven.Cli.Plotting;

/// <summary>Rasterises a scene at a given resolution (pixels per millimetre) and encodes it as PNG.</summary>
public static class PngRenderer
{
    public const double DefaultPixelsPerMm = 8;

    public static byte[] Render(PlotScene scene, double pixelsPerMm = DefaultPixelsPerMm) => PngEncoder.Encode(Rasterise(scene, pixelsPerMm));

    internal static Canvas Rasterise(PlotScene scene, double k)
    {
        var canvas = new Canvas((int)Math.Ceiling(scene.WidthMm * k), (int)Math.Ceiling(scene.HeightMm * k));
        foreach (var shape in scene.Shapes)
            switch (shape)
            {
                case LineShape l:
                    canvas.Line(l.X1 * k, l.Y1 * k, l.X2 * k, l.Y2 * k, l.Width * k, l.Colour);
                    break;
                case PolylineShape p:
                    for (var i = 1; i < p.Points.Count; i++)
                        canvas.Line(p.Points[i - 1].X * k, p.Points[i - 1].Y * k, p.Points[i].X * k, p.Points[i].Y * k, p.Width * k, p.Colour);
                    break;
                case TextShape t:
                    canvas.Text(t.X * k, t.Y * k, t.Size * k, t.Text, t.Colour);
                    break;
            }
        return canvas;
    }
}
