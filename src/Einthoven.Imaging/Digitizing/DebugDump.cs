using OpenCvSharp;

namespace Einthoven.Imaging.Digitizing;

internal static class DebugDump
{
    public static void Write(RectifiedPage page, RowTrace[] rows, double traceStart)
    {
        var dir = Environment.GetEnvironmentVariable("DIGDEBUG_DIR");
        if (string.IsNullOrEmpty(dir)) return;
        using var ink = Mat.FromPixelData(page.Height, page.Width, MatType.CV_32FC1, page.Ink.Select(v => 1 - Math.Min(1, v)).ToArray());
        using var gray = new Mat();
        ink.ConvertTo(gray, MatType.CV_8UC1, 255);
        using var colour = new Mat();
        Cv2.CvtColor(gray, colour, ColorConversionCodes.GRAY2BGR);
        foreach (var row in rows)
        {
            Cv2.Line(colour, new Point(0, (int)row.Baseline), new Point(page.Width, (int)row.Baseline), Scalar.Blue);
            for (var i = 0; i < row.Xs.Length; i++) colour.Set((int)Math.Round(row.Ys[i]), (int)Math.Round(row.Xs[i]), new Vec3b(0, 0, 255));
        }
        Cv2.Line(colour, new Point((int)traceStart, 0), new Point((int)traceStart, page.Height), Scalar.Green);
        Cv2.ImWrite(Path.Combine(dir, $"rect-{DateTime.Now:HHmmssfff}.png"), colour);
    }
}
