namespace Einthoven.Models.Rhythm;

/// <summary>
/// Features of the beats' shape around their R peaks on a band-passed lead: how alike the beats are (noise and
/// ectopy lower it), whether the median beat has a P wave (absent in atrial fibrillation) and how much beat-to-beat
/// activity is left before the QRS (fibrillatory waves), the QRS width and amplitude.
/// </summary>
public static class BeatShape
{
    public static readonly string[] Names =
    [
        "template_correlation", "template_correlation_low_frac", "p_wave_over_qrs", "atrial_residual_over_qrs",
        "qrs_width_s", "qrs_amplitude_mv", "t_wave_over_qrs", "residual_over_qrs", "r_amplitude_cv", "p_peak_before_r_s",
    ];

    private const double Before = 0.30, After = 0.45, PStart = 0.25, PEnd = 0.08, QrsHalf = 0.06, TStart = 0.12, TEnd = 0.40;

    /// <param name="signal">Band-passed signal in mV.</param>
    /// <param name="rPeaks">R peaks in samples.</param>
    public static double[] Measure(double[] signal, IReadOnlyList<long> rPeaks, double fs)
    {
        var values = new double[Names.Length];
        var pre = (int)Math.Round(Before * fs);
        var length = pre + (int)Math.Round(After * fs);
        var beats = rPeaks.Where(r => r - pre >= 0 && r - pre + length <= signal.Length)
            .Select(r => signal.AsSpan((int)(r - pre), length).ToArray()).ToArray();
        if (beats.Length < 3) return values;
        foreach (var b in beats) RemoveMean(b);
        var template = new double[length];
        var column = new double[beats.Length];
        for (var i = 0; i < length; i++)
        {
            for (var k = 0; k < beats.Length; k++) column[k] = beats[k][i];
            template[i] = RrIrregularity.Median(column);
        }
        var correlations = beats.Select(b => Correlation(b, template)).ToArray();
        values[0] = correlations.Average();
        values[1] = correlations.Count(c => c < 0.8) / (double)beats.Length;

        int Index(double seconds) => Math.Clamp(pre + (int)Math.Round(seconds * fs), 0, length);
        var qrs = Range(template, Index(-QrsHalf), Index(QrsHalf));
        var qrsAmplitude = Math.Max(qrs, 1e-3);
        var pFrom = Index(-PStart);
        var pTo = Index(-PEnd);
        values[2] = Range(template, pFrom, pTo) / qrsAmplitude;
        values[3] = beats.Average(b => Rms(b, template, pFrom, pTo)) / qrsAmplitude;
        values[4] = QrsWidth(template, pre, fs);
        values[5] = qrs;
        values[6] = Range(template, Index(TStart), Index(TEnd)) / qrsAmplitude;
        values[7] = beats.Average(b => Rms(b, template, 0, length)) / qrsAmplitude;
        var amplitudes = beats.Select(b => Math.Abs(b[pre])).ToArray();
        var meanAmplitude = amplitudes.Average();
        values[8] = meanAmplitude > 0 ? Math.Sqrt(amplitudes.Average(a => (a - meanAmplitude) * (a - meanAmplitude))) / meanAmplitude : 0;
        values[9] = (pre - LargestDeviation(template, pFrom, pTo)) / fs;
        return values;
    }

    /// <summary>Span around the R peak where the slope stays above a fifth of the QRS's steepest slope.</summary>
    private static double QrsWidth(double[] template, int r, double fs)
    {
        var reach = (int)Math.Round(0.1 * fs);
        var from = Math.Max(1, r - reach);
        var to = Math.Min(template.Length - 1, r + reach);
        var maxSlope = 0.0;
        for (var i = from; i < to; i++) maxSlope = Math.Max(maxSlope, Math.Abs(template[i] - template[i - 1]));
        if (maxSlope == 0) return 0;
        var threshold = 0.2 * maxSlope;
        int first = to, last = from;
        for (var i = from; i < to; i++)
            if (Math.Abs(template[i] - template[i - 1]) >= threshold)
            {
                first = Math.Min(first, i);
                last = i;
            }
        return Math.Max(0, last - first) / fs;
    }

    private static int LargestDeviation(double[] x, int from, int to)
    {
        if (to <= from) return from;
        var mean = 0.0;
        for (var i = from; i < to; i++) mean += x[i];
        mean /= to - from;
        var best = from;
        for (var i = from; i < to; i++)
            if (Math.Abs(x[i] - mean) > Math.Abs(x[best] - mean)) best = i;
        return best;
    }

    private static void RemoveMean(double[] x)
    {
        var mean = x.Average();
        for (var i = 0; i < x.Length; i++) x[i] -= mean;
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : 0;
    }

    private static double Range(double[] x, int from, int to)
    {
        if (to <= from) return 0;
        double min = double.MaxValue, max = double.MinValue;
        for (var i = from; i < to; i++) (min, max) = (Math.Min(min, x[i]), Math.Max(max, x[i]));
        return max - min;
    }

    private static double Rms(double[] beat, double[] template, int from, int to)
    {
        if (to <= from) return 0;
        double sum = 0;
        for (var i = from; i < to; i++) sum += (beat[i] - template[i]) * (beat[i] - template[i]);
        return Math.Sqrt(sum / (to - from));
    }
}
