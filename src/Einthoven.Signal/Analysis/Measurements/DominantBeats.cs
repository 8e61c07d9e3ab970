using Einthoven.Signal.Analysis.Delineation;

namespace Einthoven.Signal.Analysis.Measurements;

/// <summary>
/// The dominant beat family, whose median beat the intervals are measured on: beats are grouped by the shape of their
/// QRS complex (all leads, 60 ms before to 80 ms after the R peak; a beat joins the first group whose founding beat it
/// correlates with at <see cref="MinCorrelation"/> or more), the largest group is kept, and of it the beats that come
/// on time (their RR interval at least <see cref="MinPrematurity"/> of the median of the RR intervals around it, so
/// that a slow change of rate is not prematurity): a premature beat with a normal QRS (atrial ectopy) has its own P
/// wave and PR interval. With frequent ectopy the family is still the
/// patient's own rhythm, whatever share of beats the ectopic ones are.
/// </summary>
public static class DominantBeats
{
    public const double MinCorrelation = 0.85, MinPrematurity = 0.85;
    private const double Before = 0.06, After = 0.08;
    private const int MaxFamilies = 8, Neighbours = 4;

    /// <summary>The R peaks (ascending) of the dominant family; all of <paramref name="rPeaks"/> when fewer than 3 beats would be left.</summary>
    /// <param name="leads">Cleaned leads in mV.</param>
    /// <param name="rPeaks">The beats to choose from, ascending.</param>
    /// <param name="rrBefore">Each beat's preceding RR interval in seconds (NaN where unknown, e.g. the first beat).</param>
    public static int[] Select(double[][] leads, IReadOnlyList<int> rPeaks, IReadOnlyList<double> rrBefore, double fs)
    {
        int before = (int)Math.Round(Before * fs), after = (int)Math.Round(After * fs), n = leads[0].Length;
        var inside = Enumerable.Range(0, rPeaks.Count).Where(i => rPeaks[i] - before >= 0 && rPeaks[i] + after < n).ToArray();
        if (inside.Length < 3) return rPeaks.ToArray();
        var founders = new List<double[]>();
        var families = new List<List<int>>();
        foreach (var i in inside)
        {
            var shape = Shape(leads, rPeaks[i], before, after);
            var f = founders.FindIndex(t => Correlation(shape, t) >= MinCorrelation);
            if (f < 0 && founders.Count < MaxFamilies) { founders.Add(shape); families.Add([i]); }
            else if (f >= 0) families[f].Add(i);
        }
        var dominant = families.MaxBy(f => f.Count)!;
        var onTime = dominant.Where(i => !(rrBefore[i] < MinPrematurity * LocalMedian(rrBefore, i))).ToList();
        var chosen = onTime.Count >= 3 ? onTime : dominant;
        return chosen.Count >= 3 ? chosen.Select(i => rPeaks[i]).ToArray() : rPeaks.ToArray();
    }

    /// <summary>Each beat's preceding RR interval in seconds, NaN for the first.</summary>
    public static double[] RrBefore(IReadOnlyList<int> rPeaks, double fs) =>
        Enumerable.Range(0, rPeaks.Count).Select(i => i == 0 ? double.NaN : (rPeaks[i] - rPeaks[i - 1]) / fs).ToArray();

    private static double LocalMedian(IReadOnlyList<double> rr, int i) =>
        Slopes.Percentile(Enumerable.Range(Math.Max(0, i - Neighbours), Math.Min(rr.Count, i + Neighbours + 1) - Math.Max(0, i - Neighbours))
            .Select(k => rr[k]).Where(double.IsFinite), 0.5);

    private static double[] Shape(double[][] leads, int r, int before, int after)
    {
        var width = before + after + 1;
        var shape = new double[leads.Length * width];
        for (var l = 0; l < leads.Length; l++) Array.Copy(leads[l], r - before, shape, l * width, width);
        return shape;
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            double a = x[i] - mx, b = y[i] - my;
            sxy += a * b; sxx += a * a; syy += b * b;
        }
        return sxx <= 0 || syy <= 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
