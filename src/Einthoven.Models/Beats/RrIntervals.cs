namespace Einthoven.Models.Beats;

/// <summary>
/// RR intervals around each beat of a record: the previous (pre) and next (post) interval, the local average over a
/// window of +-<see cref="LocalWindowSeconds"/> and the record's own typical interval (the median). Inter-patient
/// studies find the ratios of these, not the absolute values, are what separate supraventricular beats from normal
/// ones, because every patient has their own rate.
/// </summary>
public sealed class RrIntervals
{
    public const double LocalWindowSeconds = 5;

    // Intervals outside this range are detection artefacts or pauses; they are clamped so a ratio stays finite.
    private const double Shortest = 0.1, Longest = 4;

    private RrIntervals(double[] pre, double[] post, double[] local, double[] irregularity, double record)
    {
        Pre = pre;
        Post = post;
        Local = local;
        Irregularity = irregularity;
        Record = record;
    }

    /// <summary>Interval from the previous beat, s; for the first beat, the record's median.</summary>
    public IReadOnlyList<double> Pre { get; }

    /// <summary>Interval to the next beat, s; for the last beat, the record's median.</summary>
    public IReadOnlyList<double> Post { get; }

    /// <summary>Mean pre-interval of the beats within +-5 s of each beat, s.</summary>
    public IReadOnlyList<double> Local { get; }

    /// <summary>
    /// Median absolute change between successive intervals within +-5 s, relative to the local average: near 0 in a
    /// regular rhythm even around an isolated ectopic beat, large in atrial fibrillation, where a short interval is no
    /// sign of an ectopic beat.
    /// </summary>
    public IReadOnlyList<double> Irregularity { get; }

    /// <summary>Median interval of the whole record, s.</summary>
    public double Record { get; }

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
        var record = intervals.Length == 0 ? 0.8 : Median(intervals);
        var pre = new double[n];
        var post = new double[n];
        for (var i = 0; i < n; i++)
        {
            pre[i] = i > 0 ? intervals[i - 1] : record;
            post[i] = i < n - 1 ? intervals[i] : record;
        }
        var change = new double[n];
        for (var i = 1; i < n; i++) change[i] = Math.Abs(pre[i] - pre[i - 1]);
        var windows = LocalWindows(beats, samplingFrequency);
        var local = new double[n];
        var irregularity = new double[n];
        for (var i = 0; i < n; i++)
        {
            var (lo, hi) = windows[i];
            local[i] = pre.AsSpan(lo, hi - lo).ToArray().Average();
            irregularity[i] = Median(change[lo..hi]) / local[i];
        }
        return new RrIntervals(pre, post, local, irregularity, record);
    }

    // The beats within +-5 s of each beat, as index ranges [lo, hi); two pointers, as the window only moves forward.
    private static (int Lo, int Hi)[] LocalWindows(IReadOnlyList<long> beats, double fs)
    {
        var n = beats.Count;
        var windows = new (int, int)[n];
        var reach = (long)Math.Round(LocalWindowSeconds * fs);
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

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
