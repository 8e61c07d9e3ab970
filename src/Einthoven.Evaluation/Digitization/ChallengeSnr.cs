namespace Einthoven.Evaluation.Digitization;

/// <summary>One lead scored: the SNR (dB) and what went into it.</summary>
/// <param name="Db">The challenge's SNR: NaN when no sample of the reference is both printed and digitised.</param>
/// <param name="ShiftSamples">The horizontal shift applied to the digitised lead (0 when the alignment was refused).</param>
/// <param name="ShiftMv">The vertical shift subtracted from it.</param>
/// <param name="Shifted">Whether the alignment was within the challenge's limits and so applied.</param>
public readonly record struct LeadSnr(double Db, double SignalPower, double NoisePower, int ShiftSamples, double ShiftMv, bool Shifted);

/// <summary>
/// The PhysioNet/CinC Challenge 2024 digitisation metric, as its final scorer computes it
/// (github.com/physionetchallenges/evaluation-2024: <c>evaluate_model.py</c> and <c>helper_code.py</c>, functions
/// <c>align_signals</c> by Sameni, Koscova and Reyna, July 2024, and <c>compute_snr</c>). Per lead:
/// <list type="number">
/// <item>The reference is NaN where the lead was not printed (ecg-image-kit's <c>--mask_unplotted_samples</c>), see <see cref="Printed"/>.</item>
/// <item>Both signals are quantised to 256 amplitude levels over their joint range into binary level x time images,
/// each smoothed by a Gaussian of sigma 0.5 cells, and cross-correlated; the peak gives a horizontal shift (samples)
/// and a vertical one (levels, turned back into mV). The shift is applied only if it is at most round(0.5 fs) samples
/// and 1.0 mV; otherwise the digitised lead is scored as it is.</item>
/// <item>SNR = 10 log10(mean(ref^2) / mean((ref - est)^2)) over the samples finite in both, multiplied by the fraction
/// of the reference's finite samples that the estimate also covers (so a lead digitised for half its printed span
/// keeps half its dB); +inf when the noise is zero, NaN when nothing overlaps.</item>
/// </list>
/// The challenge's score is the mean over every (record, lead) pair ignoring NaN (<c>np.nanmean</c>), see <see cref="Mean"/>;
/// a record with no output gets NaN for every lead and so drops out of the mean (the final scorer fills a missing output
/// with NaN).
/// One deviation, in rounding only: scipy smooths with mirrored borders (<c>mode='reflect'</c>) where this smooths the
/// correlation itself (the correlation of two Gaussian-smoothed images is the correlation of the unsmoothed ones
/// smoothed twice), which ignores the border terms of the first and last two samples and the two extreme levels; and
/// exact ties of the peak go to the first in row-major order, where numpy's FFT rounding decides them.
/// </summary>
public static class ChallengeSnr
{
    public const int QuantLevels = 256;
    public const double Sigma = 0.5;
    public const double MaxVerticalShiftMv = 1.0;

    /// <summary>The largest horizontal shift the challenge applies: half a second, in samples (numpy rounds half to even).</summary>
    public static int MaxHorizontalShift(double samplingFrequency) => (int)Math.Round(0.5 * samplingFrequency, MidpointRounding.ToEven);

    /// <summary>The reference as the challenge scores it: NaN outside the spans (start, duration in seconds) where the lead was printed.</summary>
    public static double[] Printed(double[] signal, double samplingFrequency, IEnumerable<(double StartSeconds, double DurationSeconds)> spans)
    {
        var result = Enumerable.Repeat(double.NaN, signal.Length).ToArray();
        foreach (var (start, duration) in spans)
        {
            var from = Math.Max(0, (int)Math.Ceiling(start * samplingFrequency - 1e-9));
            var to = Math.Min(signal.Length, (int)Math.Ceiling((start + duration) * samplingFrequency - 1e-9));
            for (var i = from; i < to; i++) result[i] = signal[i];
        }
        return result;
    }

    /// <summary>Aligns the estimate as the challenge does (when within its limits) and scores it against the reference.</summary>
    public static LeadSnr Score(double[] reference, double[] estimate, double samplingFrequency, bool shift = true)
    {
        if (!shift) return Measure(reference, estimate, 0, 0, false);
        var (shifted, hz, vt) = Align(reference, estimate);
        return Math.Abs(hz) <= MaxHorizontalShift(samplingFrequency) && Math.Abs(vt) <= MaxVerticalShiftMv
            ? Measure(reference, shifted, hz, vt, true)
            : Measure(reference, estimate, 0, 0, false);
    }

    /// <summary>The challenge's <c>compute_snr</c> with <c>keep_nans=True</c>.</summary>
    public static LeadSnr Measure(double[] reference, double[] estimate, int shiftSamples = 0, double shiftMv = 0, bool shifted = false)
    {
        var n = Math.Max(reference.Length, estimate.Length);
        int both = 0, referenceFinite = 0;
        double signal = 0, noise = 0;
        for (var i = 0; i < n; i++)
        {
            var r = i < reference.Length ? reference[i] : double.NaN;
            var e = i < estimate.Length ? estimate[i] : double.NaN;
            if (!double.IsFinite(r)) continue;
            referenceFinite++;
            if (!double.IsFinite(e)) continue;
            both++;
            signal += r * r;
            noise += (r - e) * (r - e);
        }
        double ps = both > 0 ? signal / both : double.NaN, pn = both > 0 ? noise / both : double.NaN;
        var db = ps > 0 && pn > 0 ? 10 * Math.Log10(ps / pn) : pn == 0 ? double.PositiveInfinity : double.NaN;
        db *= referenceFinite == 0 ? double.NaN : (double)both / referenceFinite;
        return new LeadSnr(db, ps, pn, shiftSamples, shiftMv, shifted);
    }

    /// <summary>
    /// The challenge's <c>align_signals</c>: the estimate shifted so that <c>shifted[i] = estimate[i + ShiftSamples] - ShiftMv</c>
    /// (NaN past either end), with the shifts found at the peak of the smoothed 2-D cross-correlation.
    /// </summary>
    public static (double[] Shifted, int ShiftSamples, double ShiftMv) Align(double[] reference, double[] estimate, int levels = QuantLevels)
    {
        var (min, max) = Range(reference, estimate);
        var t = Math.Max(reference.Length, estimate.Length);
        if (!(max > min)) return (estimate.ToArray(), 0, 0);
        var refLevels = Quantise(reference, levels, min, max);
        var estLevels = Quantise(estimate, levels, min, max);
        var (mv, mh) = CorrelationPeak(refLevels, estLevels, levels, t);
        var offsetHz = -mh;
        var offsetVt = -mv / (double)(levels - 1) * (max - min);
        var shifted = new double[estimate.Length];
        for (var i = 0; i < shifted.Length; i++)
        {
            var k = i + offsetHz;
            shifted[i] = k >= 0 && k < estimate.Length ? estimate[k] - offsetVt : double.NaN;
        }
        return (shifted, offsetHz, offsetVt);
    }

    /// <summary>The mean SNR over leads ignoring NaN (<c>np.nanmean</c>; +inf if any lead is +inf), NaN when every value is NaN.</summary>
    public static double Mean(IEnumerable<double> snrs)
    {
        var finite = snrs.Where(v => !double.IsNaN(v)).ToArray();
        return finite.Length == 0 ? double.NaN : finite.Average();
    }

    /// <summary>The median over leads ignoring NaN, NaN when every value is NaN.</summary>
    public static double Median(IEnumerable<double> snrs)
    {
        var v = snrs.Where(x => !double.IsNaN(x)).Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static (double Min, double Max) Range(double[] a, double[] b)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in a.Concat(b))
            if (!double.IsNaN(v)) { min = Math.Min(min, v); max = Math.Max(max, v); }
        return (min, max);
    }

    /// <summary>
    /// <c>convert_signal</c>'s levels made 0-based (-1 where the sample is not finite): it rounds (half to even, as numpy
    /// does) after adding its 1, which decides halves differently from adding it after.
    /// </summary>
    private static int[] Quantise(double[] x, int levels, double min, double max) =>
        x.Select(v => double.IsFinite(v) ? Math.Clamp((int)Math.Round((levels - 1) * (v - min) / (max - min) + 1, MidpointRounding.ToEven), 1, levels) - 1 : -1).ToArray();

    /// <summary>
    /// The lags (level, sample) at the peak of the cross-correlation of the two smoothed binary images, where
    /// <c>reference[i]</c> meets <c>estimate[i - sampleLag]</c> and the reference's level is the estimate's plus levelLag.
    /// </summary>
    private static (int LevelLag, int SampleLag) CorrelationPeak(int[] reference, int[] estimate, int levels, int t)
    {
        int rows = 2 * levels - 1, cols = 2 * t - 1;
        var counts = new double[rows * cols];
        for (var i = 0; i < reference.Length; i++)
        {
            if (reference[i] < 0) continue;
            for (var j = 0; j < estimate.Length; j++)
                if (estimate[j] >= 0) counts[(reference[i] - estimate[j] + levels - 1) * cols + (i - j + t - 1)]++;
        }
        var kernel = TwiceSmoothing();
        var smoothed = Smooth(Smooth(counts, rows, cols, kernel, alongRows: true), rows, cols, kernel, alongRows: false);
        var best = 0;
        for (var k = 1; k < smoothed.Length; k++)
            if (smoothed[k] > smoothed[best]) best = k;
        return (best / cols - (levels - 1), best % cols - (t - 1));
    }

    /// <summary>scipy's 1-D Gaussian (sigma 0.5, truncated at 4 sigma: radius 2) convolved with itself: 9 taps.</summary>
    private static double[] TwiceSmoothing()
    {
        var radius = (int)(4 * Sigma + 0.5);
        var g = Enumerable.Range(-radius, 2 * radius + 1).Select(x => Math.Exp(-0.5 * x * x / (Sigma * Sigma))).ToArray();
        var sum = g.Sum();
        var twice = new double[2 * g.Length - 1];
        for (var a = 0; a < g.Length; a++)
        for (var b = 0; b < g.Length; b++)
            twice[a + b] += g[a] / sum * (g[b] / sum);
        return twice;
    }

    private static double[] Smooth(double[] grid, int rows, int cols, double[] kernel, bool alongRows)
    {
        var result = new double[grid.Length];
        var radius = kernel.Length / 2;
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
        {
            var v = grid[r * cols + c];
            if (v == 0) continue;
            for (var k = -radius; k <= radius; k++)
            {
                int rr = alongRows ? r + k : r, cc = alongRows ? c : c + k;
                if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) result[rr * cols + cc] += v * kernel[k + radius];
            }
        }
        return result;
    }
}
