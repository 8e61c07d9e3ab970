namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// One printed row's trace as a centre line: a point per pixel column, and where a column holds a steep stroke (the
/// printer draws a column's lowest and highest value in it), the stroke's two ends in the order the trace passes them.
/// </summary>
internal sealed class RowTrace
{
    public RowTrace(InkRun?[] runs, double baseline)
    {
        Runs = runs;
        Baseline = baseline;
        var heights = runs.Where(r => r is not null).Select(r => (double)r!.Value.Height).OrderBy(h => h).ToArray();
        Thickness = heights.Length == 0 ? 1 : heights[heights.Length / 4];
        (Xs, Ys) = CentreLine();
    }

    public InkRun?[] Runs { get; }
    /// <summary>The row's 0 mV line (rectified pixel y).</summary>
    public double Baseline { get; set; }
    /// <summary>The printed line's thickness in pixels (a lower quartile of run heights: the flat stretches).</summary>
    public double Thickness { get; }
    public double[] Xs { get; }
    public double[] Ys { get; }

    /// <summary>The last column of a continuous stretch of trace (at least 80 % of the 5 mm before it inked), or -1.</summary>
    public int LastColumn(double pxPerMm)
    {
        var window = Math.Max(2, (int)(5 * pxPerMm));
        for (var u = Runs.Length - 1; u >= window; u--)
        {
            if (Runs[u] is null) continue;
            var inked = 0;
            for (var k = u - window + 1; k <= u; k++) if (Runs[k] is not null) inked++;
            if (inked >= 0.8 * window) return u;
        }
        return -1;
    }

    /// <summary>The centre line's y at rectified x (linear between points), or null outside the traced stretch.</summary>
    public double? YAt(double x)
    {
        if (Xs.Length == 0 || x < Xs[0] - 1 || x > Xs[^1] + 1) return null;
        var i = Array.BinarySearch(Xs, x);
        if (i >= 0) return Ys[i];
        i = ~i;
        if (i == 0) return Ys[0];
        if (i >= Xs.Length) return Ys[^1];
        var f = (x - Xs[i - 1]) / (Xs[i] - Xs[i - 1]);
        return Ys[i - 1] + f * (Ys[i] - Ys[i - 1]);
    }

    private (double[] Xs, double[] Ys) CentreLine()
    {
        var xs = new List<double>();
        var ys = new List<double>();
        var half = Thickness / 2;
        for (var u = 0; u < Runs.Length; u++)
        {
            if (Runs[u] is not { } run) continue;
            if (run.Height <= 1.8 * Thickness)
            {
                xs.Add(u);
                ys.Add(run.Centre);
                continue;
            }
            // A steep stroke: the trace enters the column at the end nearer its left neighbour and leaves at the end
            // nearer its right one; in and out on the same side means it turned within the column, at the far end.
            var (high, low) = (run.Top - 0.5 + half, run.Bottom + 0.5 - half);
            var entry = Math.Clamp(Neighbour(u, -1) ?? run.Centre, high, low);
            var exit = Math.Clamp(Neighbour(u, +1) ?? run.Centre, high, low);
            var middle = (high + low) / 2;
            xs.Add(u - 0.35);
            ys.Add(entry);
            if (entry < middle == exit < middle)
            {
                xs.Add(u);
                ys.Add(entry < middle ? low : high);
            }
            xs.Add(u + 0.35);
            ys.Add(exit);
        }
        return (xs.ToArray(), ys.ToArray());
    }

    private double? Neighbour(int u, int step)
    {
        var k = u + step;
        return k >= 0 && k < Runs.Length && Runs[k] is { } r ? r.Centre : null;
    }
}
