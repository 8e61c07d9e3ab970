using System.Globalization;
using System.Text;
using System.Security;

namespace Einthoven.Cli.Plotting;

/// <summary>Writes a scene as SVG whose user unit is one millimetre, so it prints at true scale.</summary>
public static class SvgRenderer
{
    public static string Render(PlotScene scene)
    {
        var sb = new StringBuilder();
        sb.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{scene.WidthMm:0.###}mm\" height=\"{scene.HeightMm:0.###}mm\" viewBox=\"0 0 {scene.WidthMm:0.###} {scene.HeightMm:0.###}\">\n"));
        sb.Append(F($"<rect width=\"{scene.WidthMm:0.###}\" height=\"{scene.HeightMm:0.###}\" fill=\"#ffffff\"/>\n"));
        foreach (var shape in scene.Shapes)
        {
            var id = shape.Id is null ? "" : $" class=\"{SecurityElement.Escape(shape.Id)}\"";
            sb.Append(shape switch
            {
                LineShape l => F($"<line{id} x1=\"{l.X1:0.###}\" y1=\"{l.Y1:0.###}\" x2=\"{l.X2:0.###}\" y2=\"{l.Y2:0.###}\" stroke=\"{l.Colour.Hex}\" stroke-width=\"{l.Width:0.###}\"/>\n"),
                PolylineShape p => F($"<polyline{id} fill=\"none\" stroke=\"{p.Colour.Hex}\" stroke-width=\"{p.Width:0.###}\" stroke-linejoin=\"round\" points=\"{string.Join(' ', p.Points.Select(q => F($"{q.X:0.###},{q.Y:0.###}")))}\"/>\n"),
                TextShape t => F($"<text{id} x=\"{t.X:0.###}\" y=\"{t.Y:0.###}\" font-family=\"sans-serif\" font-size=\"{t.Size * 1.4:0.###}\" fill=\"{t.Colour.Hex}\">{SecurityElement.Escape(t.Text)}</text>\n"),
                _ => throw new ArgumentOutOfRangeException(nameof(scene), shape.GetType().Name, "unknown shape"),
            });
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
