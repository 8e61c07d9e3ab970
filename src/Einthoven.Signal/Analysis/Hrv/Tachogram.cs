namespace Einthoven.Signal.Analysis.Hrv;

/// <summary>The NN intervals (ms) resampled evenly by linear interpolation between beat times, for spectral analysis.</summary>
public static class Tachogram
{
    public const double DefaultRate = 4;

    public static double[] Resample(double[] times, double[] intervalsMs, double rate = DefaultRate)
    {
        if (times.Length != intervalsMs.Length) throw new ArgumentException("times and intervals differ in length", nameof(intervalsMs));
        if (times.Length < 2) return [];
        var start = times[0];
        var n = (int)Math.Floor((times[^1] - start) * rate) + 1;
        var result = new double[n];
        var j = 0;
        for (var i = 0; i < n; i++)
        {
            var t = start + i / rate;
            while (j < times.Length - 2 && times[j + 1] < t) j++;
            var span = times[j + 1] - times[j];
            var a = span <= 0 ? 0 : Math.Clamp((t - times[j]) / span, 0, 1);
            result[i] = intervalsMs[j] + a * (intervalsMs[j + 1] - intervalsMs[j]);
        }
        return result;
    }

    /// <summary>Removes the least-squares straight line (slow drifts of the mean rate would leak into the LF band).</summary>
    public static double[] Detrend(double[] x)
    {
        var n = x.Length;
        if (n < 2) return (double[])x.Clone();
        double meanT = (n - 1) / 2.0, meanX = x.Average(), num = 0, den = 0;
        for (var i = 0; i < n; i++)
        {
            num += (i - meanT) * (x[i] - meanX);
            den += (i - meanT) * (i - meanT);
        }
        var slope = num / den;
        return x.Select((v, i) => v - meanX - slope * (i - meanT)).ToArray();
    }
}
