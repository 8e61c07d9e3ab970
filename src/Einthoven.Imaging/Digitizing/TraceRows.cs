namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// Finds the rows of traces on a rectified page: a trace spends most of its time on its baseline, so the ink summed
/// along each pixel row peaks once per printed row. Only the left part of the page is summed (where the calibration
/// pulses and the first seconds are): over the whole width, baseline wander can split a row's peak in two.
/// </summary>
internal static class TraceRows
{
    /// <summary>Ink darker than this (after the grid is removed) counts as trace.</summary>
    public const float InkThreshold = 0.2f;
    /// <summary>Closest two printed rows' baselines may be (12x1 prints them 15 mm apart, sometimes less).</summary>
    private const double MinRowSpacingMm = 9;
    private const double ProfileWidthFraction = 0.3;

    /// <summary>Row baselines (rectified pixel y), top to bottom.</summary>
    public static List<double> Baselines(RectifiedPage page)
    {
        var profile = new double[page.Height];
        var width = (int)(ProfileWidthFraction * page.Width);
        for (var v = 0; v < page.Height; v++)
        {
            var sum = 0.0;
            for (var u = 0; u < width; u++)
            {
                var ink = page[u, v];
                if (ink > InkThreshold) sum += Math.Min(1, ink);
            }
            profile[v] = sum;
        }
        var smooth = Smooth(profile, 1.2 * page.PxPerMm);
        var max = smooth.Max();
        if (max <= 0) return [];
        var spacing = (int)(MinRowSpacingMm * page.PxPerMm);
        var peaks = new List<int>();
        for (var v = 1; v < smooth.Length - 1; v++)
        {
            if (smooth[v] < 0.2 * max || smooth[v] < smooth[v - 1] || smooth[v] <= smooth[v + 1]) continue;
            if (peaks.Count > 0 && v - peaks[^1] < spacing)
            {
                if (smooth[v] > smooth[peaks[^1]]) peaks[^1] = v;
                continue;
            }
            peaks.Add(v);
        }
        var rows = peaks.Select(p => Refine(profile, p, page.PxPerMm)).ToList();
        // A row of text (a header, a note) peaks too, but a trace runs the width of the page near its baseline.
        var coverage = rows.Select(r => Coverage(page, r)).ToArray();
        var widest = coverage.DefaultIfEmpty(0).Max();
        return rows.Where((_, i) => coverage[i] >= 0.4 * widest).ToList();
    }

    /// <summary>The fraction of the page's columns with ink within 6 mm of <paramref name="baseline"/>.</summary>
    private static double Coverage(RectifiedPage page, double baseline)
    {
        var reach = (int)Math.Ceiling(6 * page.PxPerMm);
        var (top, bottom) = (Math.Max(0, (int)baseline - reach), Math.Min(page.Height - 1, (int)baseline + reach));
        var inked = 0;
        for (var u = 0; u < page.Width; u++)
            for (var v = top; v <= bottom; v++)
                if (page[u, v] > InkThreshold) { inked++; break; }
        return inked / (double)page.Width;
    }

    /// <summary>The ink-weighted centre of the unsmoothed profile within 1 mm of the peak.</summary>
    private static double Refine(double[] profile, int peak, double pxPerMm)
    {
        var reach = Math.Max(1, (int)pxPerMm);
        double sum = 0, weighted = 0;
        for (var v = Math.Max(0, peak - reach); v <= Math.Min(profile.Length - 1, peak + reach); v++)
        {
            sum += profile[v];
            weighted += profile[v] * v;
        }
        return sum > 0 ? weighted / sum : peak;
    }

    public static double[] Smooth(double[] values, double sigma)
    {
        var reach = (int)Math.Ceiling(3 * sigma);
        var kernel = Enumerable.Range(-reach, 2 * reach + 1).Select(i => Math.Exp(-0.5 * i * i / (sigma * sigma))).ToArray();
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            double sum = 0, weight = 0;
            for (var k = -reach; k <= reach; k++)
            {
                var j = i + k;
                if (j < 0 || j >= values.Length) continue;
                sum += values[j] * kernel[k + reach];
                weight += kernel[k + reach];
            }
            result[i] = sum / weight;
        }
        return result;
    }
}
