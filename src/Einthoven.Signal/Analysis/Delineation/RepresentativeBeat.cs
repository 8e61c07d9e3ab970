using Einthoven.Signal.Analysis.Beats;

namespace Einthoven.Signal.Analysis.Delineation;

/// <summary>
/// A median beat per lead: the sample-wise median of the beats aligned at their R peaks, after dropping beats that do
/// not look like the dominant one (correlation of their QRS-T below 0.8 with a first median, then with the median of
/// the beats kept), so ectopic beats and noisy beats do not distort the measurements.
/// </summary>
public sealed class RepresentativeBeat
{
    public const double MinCorrelation = 0.8;

    /// <summary>Long records contribute at most this many beats, spread evenly over the record.</summary>
    public const int MaxBeats = 400;

    private RepresentativeBeat(double[][] leads, int rIndex, int beatCount, double rrSeconds, double fs)
    {
        Leads = leads;
        RIndex = rIndex;
        BeatCount = beatCount;
        RrSeconds = rrSeconds;
        SamplingFrequency = fs;
    }

    /// <summary>The median waveform of each lead.</summary>
    public double[][] Leads { get; }

    /// <summary>Index of the R peak in each waveform.</summary>
    public int RIndex { get; }

    /// <summary>How many beats went into the median.</summary>
    public int BeatCount { get; }

    /// <summary>Median RR interval of the record, in seconds.</summary>
    public double RrSeconds { get; }

    public double SamplingFrequency { get; }

    /// <summary>Builds the median beat, or returns null when fewer than <paramref name="minBeats"/> beats fit.</summary>
    public static RepresentativeBeat? Build(double[][] leads, IReadOnlyList<int> rPeaks, double fs, int minBeats = 3,
        double beforeSeconds = 0.35, double afterSeconds = 0.7)
    {
        if (leads.Length == 0) throw new ArgumentException("no leads", nameof(leads));
        var all = BeatSegmenter.Segment(rPeaks, leads[0].Length, fs, beforeSeconds, afterSeconds);
        var windows = all.Count <= MaxBeats ? all : Enumerable.Range(0, MaxBeats).Select(i => all[(int)((long)i * all.Count / MaxBeats)]).ToArray();
        if (windows.Count < minBeats) return null;
        var rr = RrSeries.From(rPeaks, fs).Intervals;
        var medianRr = rr.Length == 0 ? 1.0 : Slopes.Percentile(rr, 0.5);
        // Beats are compared over their QRS-T core only: in bigeminy or couplets the next beat falls inside a long
        // window and would make every beat unlike the median. The median of the beats that fit is then compared
        // again, so a large share of ectopic beats in the first median does not decide which beats are kept.
        var (coreStart, coreEnd) = Core(windows[0], fs);
        var first = Median(leads, windows);
        var kept = windows.Where(w => Correlation(leads, w, first, coreStart, coreEnd) >= MinCorrelation).ToList();
        if (kept.Count >= minBeats)
        {
            var second = Median(leads, kept); // once, not per beat compared with it
            kept = windows.Where(w => Correlation(leads, w, second, coreStart, coreEnd) >= MinCorrelation).ToList();
        }
        if (kept.Count < minBeats) return null;
        return new RepresentativeBeat(Median(leads, kept), windows[0].RIndex, kept.Count, medianRr, fs);
    }

    private static double[][] Median(double[][] leads, IReadOnlyList<BeatWindow> windows)
    {
        var length = windows[0].Length;
        var result = new double[leads.Length][];
        var column = new double[windows.Count];
        for (var l = 0; l < leads.Length; l++)
        {
            result[l] = new double[length];
            for (var i = 0; i < length; i++)
            {
                for (var b = 0; b < windows.Count; b++) column[b] = leads[l][windows[b].Start + i];
                Array.Sort(column);
                var m = column.Length / 2;
                result[l][i] = column.Length % 2 == 1 ? column[m] : (column[m - 1] + column[m]) / 2;
            }
        }
        return result;
    }

    /// <summary>From 0.1 s before the R peak to 0.45 s after it (QRS and T at usual rates), as window indices.</summary>
    private static (int Start, int End) Core(BeatWindow w, double fs) =>
        (Math.Max(0, w.RIndex - (int)(0.1 * fs)), Math.Min(w.Length, w.RIndex + (int)(0.45 * fs)));

    /// <summary>Pearson correlation of one beat with the template over window indices [start, end), all leads concatenated.</summary>
    private static double Correlation(double[][] leads, BeatWindow w, double[][] template, int start, int end)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        var n = 0;
        for (var l = 0; l < leads.Length; l++)
            for (var i = start; i < end; i++)
            {
                double x = leads[l][w.Start + i], y = template[l][i];
                sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; n++;
            }
        var cov = sxy - sx * sy / n;
        var den = Math.Sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
        return den <= 0 ? 0 : cov / den;
    }
}
