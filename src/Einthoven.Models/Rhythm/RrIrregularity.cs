namespace Einthoven.Models.Rhythm;

/// <summary>
/// How irregular an RR sequence is: the measures that separate atrial fibrillation (random RR) from sinus rhythm
/// (smooth RR) and from ectopy (mostly regular RR with a few outliers).
/// </summary>
public static class RrIrregularity
{
    public static readonly string[] Names =
    [
        "rr_mean_s", "rr_median_s", "rr_cv", "rmssd_over_mean", "frac_diff_over_50ms", "turning_point_ratio",
        "sample_entropy", "frac_off_median_15pct", "median_abs_diff_over_median", "sd1_over_sd2", "rr_max_over_median",
        "rr_min_over_median", "rr_p10_s", "rr_p90_s", "premature_beat_frac", "too_few_beats",
    ];

    private const double NoMatchEntropy = 2.5;

    /// <param name="intervals">RR intervals in seconds.</param>
    public static double[] Measure(IReadOnlyList<double> intervals)
    {
        var values = new double[Names.Length];
        if (intervals.Count < 4)
        {
            values[^1] = 1;
            return values;
        }
        var rr = intervals.ToArray();
        var mean = rr.Average();
        var median = Median(rr);
        var sd = Math.Sqrt(rr.Sum(r => (r - mean) * (r - mean)) / rr.Length);
        var diffs = new double[rr.Length - 1];
        for (var i = 0; i < diffs.Length; i++) diffs[i] = rr[i + 1] - rr[i];
        var rmssd = Math.Sqrt(diffs.Average(d => d * d));
        var diffSd = Math.Sqrt(diffs.Sum(d => d * d) / diffs.Length - Math.Pow(diffs.Average(), 2));
        // Poincare: SD1 across the identity line (beat-to-beat), SD2 along it (slow changes).
        var sd1 = diffSd / Math.Sqrt(2);
        var sd2 = Math.Sqrt(Math.Max(0, 2 * sd * sd - sd1 * sd1));
        values[0] = mean;
        values[1] = median;
        values[2] = sd / mean;
        values[3] = rmssd / mean;
        values[4] = diffs.Count(d => Math.Abs(d) > 0.05) / (double)diffs.Length;
        values[5] = TurningPointRatio(rr);
        values[6] = SampleEntropy(rr, 2, 0.2 * sd);
        values[7] = rr.Count(r => Math.Abs(r - median) > 0.15 * median) / (double)rr.Length;
        values[8] = Median(diffs.Select(Math.Abs).ToArray()) / median;
        values[9] = sd2 > 0 ? Math.Min(sd1 / sd2, 5) : 0;
        values[10] = rr.Max() / median;
        values[11] = rr.Min() / median;
        var sorted = rr.Order().ToArray();
        values[12] = sorted[(int)(0.1 * (sorted.Length - 1))];
        values[13] = sorted[(int)(0.9 * (sorted.Length - 1))];
        // A short interval followed by a long one: a premature beat with its compensatory pause.
        var premature = 0;
        for (var i = 0; i + 1 < rr.Length; i++)
            if (rr[i] < 0.85 * median && rr[i + 1] > 1.1 * median) premature++;
        values[14] = premature / (double)rr.Length;
        return values;
    }

    /// <summary>Share of interior points that are a local peak or trough (2/3 for random, low for smooth series).</summary>
    public static double TurningPointRatio(IReadOnlyList<double> x)
    {
        if (x.Count < 3) return 0;
        var turns = 0;
        for (var i = 1; i < x.Count - 1; i++)
            if ((x[i] - x[i - 1]) * (x[i + 1] - x[i]) < 0) turns++;
        return turns / (double)(x.Count - 2);
    }

    /// <summary>SampEn(m, r): -ln of the chance that runs matching for m points also match for m + 1.</summary>
    public static double SampleEntropy(IReadOnlyList<double> x, int m, double r)
    {
        if (x.Count <= m + 1 || r <= 0) return 0;
        long matchM = 0, matchM1 = 0;
        var n = x.Count - m;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
            {
                var k = 0;
                while (k < m && Math.Abs(x[i + k] - x[j + k]) <= r) k++;
                if (k < m) continue;
                matchM++;
                if (Math.Abs(x[i + m] - x[j + m]) <= r) matchM1++;
            }
        return matchM == 0 || matchM1 == 0 ? NoMatchEntropy : Math.Min(NoMatchEntropy, -Math.Log(matchM1 / (double)matchM));
    }

    internal static double Median(double[] values)
    {
        if (values.Length == 0) return 0;
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
