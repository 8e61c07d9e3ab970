namespace Einthoven.Models.Beats;

/// <summary>
/// RR intervals around each beat of a record: the previous (pre) and next (post) interval, the local average over a
/// window of +-<see cref="LocalWindowSeconds"/>, the average over +-<see cref="LongWindowSeconds"/> (de Chazal 2004),
/// and the record's median and upper quartile. Inter-patient studies use both the raw intervals and their ratios to
/// a long-term reference. The mean of a long window and the upper quartile do not become the ectopic rhythm as the
/// median does when premature beats are the majority of a record.
/// </summary>
public sealed class RrIntervals
{
    public const double LocalWindowSeconds = 5;
    public const double LongWindowSeconds = 300;

    // Intervals outside this range are detection artefacts or pauses; they are clamped so a ratio stays finite.
    private const double Shortest = 0.1, Longest = 4;

    private RrIntervals(double[] pre, double[] post, double[] local, double[] longAverage, double[] irregularity, double record, double upperQuartile)
    {
        Pre = pre;
        Post = post;
        Local = local;
        LongAverage = longAverage;
        Irregularity = irregularity;
        Record = record;
        UpperQuartile = upperQuartile;
    }

    /// <summary>Interval from the previous beat, s; for the first beat, the record's median.</summary>
    public IReadOnlyList<double> Pre { get; }

    /// <summary>Interval to the next beat, s; for the last beat, the record's median.</summary>
    public IReadOnlyList<double> Post { get; }

    /// <summary>Mean pre-interval of the beats within +-5 s of each beat, s.</summary>
    public IReadOnlyList<double> Local { get; }

    /// <summary>Mean pre-interval of the beats within +-5 min of each beat, s.</summary>
    public IReadOnlyList<double> LongAverage { get; }

    /// <summary>
    /// Median absolute change between successive intervals within +-5 s, relative to the local average: near 0 in a
    /// regular rhythm even around an isolated ectopic beat, large in atrial fibrillation, where a short interval is no
    /// sign of an ectopic beat.
    /// </summary>
    public IReadOnlyList<double> Irregularity { get; }

    /// <summary>Median interval of the whole record, s.</summary>
    public double Record { get; }

    /// <summary>Upper quartile of the record's intervals, s.</summary>
    public double UpperQuartile { get; }

    public int Count => Pre.Count;

    /// <param name="beats">Beat sample numbers, ascending.</param>
    public static RrIntervals From(IReadOnlyList<long> beats, double samplingFrequency)
    {
        if (!(samplingFrequency > 0)) throw new ArgumentOutOfRangeException(nameof(samplingFrequency), samplingFrequency, "must be positive");
        var n = beats.Count;
        for (var i = 1; i < n; i++)
            if (beats[i] <= beats[i - 1])
                throw new ArgumentException($"beat samples must be strictly ascending; beat {i} ({beats[i]}) follows {beats[i - 1]}", nameof(beats));
        var intervals = new double[Math.Max(0, n - 1)];
        for (var i = 1; i < n; i++) intervals[i - 1] = Clamp((beats[i] - beats[i - 1]) / samplingFrequency);
        var record = intervals.Length == 0 ? 0.8 : Quantile(intervals, 0.5);
        var upperQuartile = intervals.Length == 0 ? 0.8 : Quantile(intervals, 0.75);
        var pre = new double[n];
        var post = new double[n];
        for (var i = 0; i < n; i++)
        {
            pre[i] = i > 0 ? intervals[i - 1] : record;
            post[i] = i < n - 1 ? intervals[i] : record;
        }
        var change = new double[n];
        for (var i = 1; i < n; i++) change[i] = Math.Abs(pre[i] - pre[i - 1]);
        var windows = Windows(beats, samplingFrequency, LocalWindowSeconds);
        var longAverage = WindowMeans(pre, Windows(beats, samplingFrequency, LongWindowSeconds));
        var local = WindowMeans(pre, windows);
        var irregularity = new double[n];
        for (var i = 0; i < n; i++)
        {
            var (lo, hi) = windows[i];
            irregularity[i] = Quantile(change[lo..hi], 0.5) / local[i];
        }
        return new RrIntervals(pre, post, local, longAverage, irregularity, record, upperQuartile);
    }

    // Mean of values over each index range, from prefix sums.
    private static double[] WindowMeans(double[] values, (int Lo, int Hi)[] windows)
    {
        var prefix = new double[values.Length + 1];
        for (var i = 0; i < values.Length; i++) prefix[i + 1] = prefix[i] + values[i];
        return windows.Select(w => (prefix[w.Hi] - prefix[w.Lo]) / (w.Hi - w.Lo)).ToArray();
    }

    // The beats within +-seconds of each beat, as index ranges [lo, hi); two pointers, as the window only moves forward.
    private static (int Lo, int Hi)[] Windows(IReadOnlyList<long> beats, double fs, double seconds)
    {
        var n = beats.Count;
        var windows = new (int, int)[n];
        var reach = (long)Math.Round(seconds * fs);
        int lo = 0, hi = 0;
        for (var i = 0; i < n; i++)
        {
            while (hi < n && beats[hi] <= beats[i] + reach) hi++;
            while (beats[lo] < beats[i] - reach) lo++;
            windows[i] = (lo, hi);
        }
        return windows;
    }

    private static double Clamp(double seconds) => Math.Clamp(seconds, Shortest, Longest);

    // Linear interpolation between order statistics (q = 0.5 is the median).
    private static double Quantile(double[] values, double q)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
