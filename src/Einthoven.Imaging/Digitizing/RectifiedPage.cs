using OpenCvSharp;

namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// The grid's area redrawn square to the page at <see cref="PxPerMm"/>, holding only the black ink: the grid has been
/// subtracted. Pixel (u, v) is the page point (<see cref="LeftMm"/> + u / PxPerMm, <see cref="TopMm"/> + v / PxPerMm).
/// </summary>
internal sealed class RectifiedPage
{
    private RectifiedPage(float[] ink, bool[] inImage, int width, int height, double pxPerMm, double leftMm, double topMm)
    {
        Ink = ink;
        InImage = inImage;
        Width = width;
        Height = height;
        PxPerMm = pxPerMm;
        LeftMm = leftMm;
        TopMm = topMm;
    }

    public float[] Ink { get; }
    /// <summary>Whether the page point was inside the photo (false where the grid runs off its edge).</summary>
    public bool[] InImage { get; }
    public int Width { get; }
    public int Height { get; }
    public double PxPerMm { get; }
    public double LeftMm { get; }
    public double TopMm { get; }

    public float this[int u, int v] => Ink[v * Width + u];
    public double XMm(double u) => LeftMm + u / PxPerMm;
    public double YMm(double v) => TopMm + v / PxPerMm;

    /// <summary>Widest stretch redrawn beyond the grid lines found, each side.</summary>
    private const double MaxSideMm = 150;

    /// <summary>
    /// Redraws the rows of grid found, but across the photo's whole width: vertical lines lost under a shadow or crease
    /// can leave the lines found short of the grid's sides, the traces are not.
    /// </summary>
    public static RectifiedPage From(InkMaps maps, GridFit found, double pxPerMm)
    {
        var (left, right) = WidthInPhoto(maps, found);
        var grid = found with { LeftMm = Math.Max(found.LeftMm - MaxSideMm, Math.Min(found.LeftMm, left)), RightMm = Math.Min(found.RightMm + MaxSideMm, Math.Max(found.RightMm, right)) };
        var width = (int)Math.Ceiling((grid.RightMm - grid.LeftMm) * pxPerMm) + 1;
        var height = (int)Math.Ceiling((grid.BottomMm - grid.TopMm) * pxPerMm) + 1;
        // Rectified pixel (u, v) -> page mm -> working-image continuous coordinates -> OpenCV's pixel-centre coordinates.
        var h = grid.MmToImage;
        var toMm = new double[] { 1 / pxPerMm, 0, grid.LeftMm, 0, 1 / pxPerMm, grid.TopMm, 0, 0, 1 };
        var map = Multiply(h, toMm);
        for (var i = 0; i < 3; i++)
        {
            map[i] -= 0.5 * map[6 + i];
            map[3 + i] -= 0.5 * map[6 + i];
        }
        using var m = Mat.FromPixelData(3, 3, MatType.CV_64FC1, map);
        using var warped = new Mat();
        Cv2.WarpPerspective(maps.Blackness, warped, m, new Size(width, height), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap,
            BorderTypes.Constant, new Scalar(-1));
        var ink = InkMaps.ToArray(warped);
        var dense = DenseInk(warped, pxPerMm);
        var inImage = new bool[ink.Length];
        for (var i = 0; i < ink.Length; i++)
        {
            inImage[i] = ink[i] > -0.01f && !dense[i];
            if (!inImage[i]) ink[i] = 0;
        }
        SubtractGrid(ink, inImage, width, height);
        return new RectifiedPage(ink, inImage, width, height, pxPerMm, grid.LeftMm, grid.TopMm);
    }

    /// <summary>The page x range (mm) the photo covers along the grid's top and bottom rows.</summary>
    private static (double Left, double Right) WidthInPhoto(InkMaps maps, GridFit grid)
    {
        using var h = Mat.FromPixelData(3, 3, MatType.CV_64FC1, grid.MmToImage);
        using var inverse = h.Inv().ToMat();
        var m = new double[9];
        for (var i = 0; i < 9; i++) m[i] = inverse.At<double>(i / 3, i % 3);
        var xs = new List<double>();
        foreach (var (x, y) in new[] { (0.0, 0.0), (maps.Width, 0.0), (maps.Width, maps.Height), (0.0, maps.Height) })
        {
            var w = m[6] * x + m[7] * y + m[8];
            if (w > 0) xs.Add((m[0] * x + m[1] * y + m[2]) / w);
        }
        return xs.Count == 4 ? (xs.Min(), xs.Max()) : (grid.LeftMm, grid.RightMm);
    }

    /// <summary>
    /// Where over 60 % of the 3 mm around a pixel is inked: not paper but the table or background beside the page (a
    /// trace, even a QRS, or text, leaves most of its surroundings blank). It is treated as outside the photo.
    /// </summary>
    private static bool[] DenseInk(Mat warped, double pxPerMm)
    {
        using var inked = new Mat();
        Cv2.Threshold(warped, inked, TraceRows.InkThreshold, 1, ThresholdTypes.Binary);
        var k = Math.Max(3, (int)Math.Round(3 * pxPerMm)) | 1;
        using var density = new Mat();
        Cv2.BoxFilter(inked, density, MatType.CV_32F, new Size(k, k));
        return InkMaps.ToArray(density).Select(d => d > 0.6f).ToArray();
    }

    /// <summary>
    /// Removes what lies along whole rows and columns (grid lines, which a grey grid leaves in the black ink) by
    /// subtracting each row's and then each column's lower quartile: a grid line fills its row, a trace at most part of it.
    /// </summary>
    private static void SubtractGrid(float[] ink, bool[] inImage, int width, int height)
    {
        var line = new float[Math.Max(width, height)];
        for (var v = 0; v < height; v++)
        {
            var n = 0;
            for (var u = 0; u < width; u++) if (inImage[v * width + u]) line[n++] = ink[v * width + u];
            var floor = Quartile(line, n);
            for (var u = 0; u < width; u++) ink[v * width + u] = Math.Max(0, ink[v * width + u] - floor);
        }
        for (var u = 0; u < width; u++)
        {
            var n = 0;
            for (var v = 0; v < height; v++) if (inImage[v * width + u]) line[n++] = ink[v * width + u];
            var floor = Quartile(line, n);
            for (var v = 0; v < height; v++) ink[v * width + u] = Math.Max(0, ink[v * width + u] - floor);
        }
    }

    private static float Quartile(float[] values, int count)
    {
        if (count == 0) return 0;
        Array.Sort(values, 0, count);
        return values[count / 4];
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var c = new double[9];
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 3; j++)
            c[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
        return c;
    }
}
