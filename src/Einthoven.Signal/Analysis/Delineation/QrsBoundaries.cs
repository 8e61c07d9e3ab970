namespace Einthoven.Signal.Analysis.Delineation;

/// <summary>
/// QRS onset and offset from the multi-lead spatial velocity (sum of the absolute slopes of all leads): the QRS is
/// where the velocity stays above a threshold between the isoelectric floor and its peak. Using all leads at once
/// gives the earliest onset and latest offset over the leads, as a 12-lead global measurement should.
/// </summary>
internal static class QrsBoundaries
{
    private const double Search = 0.07, MaxBefore = 0.16, MaxAfter = 0.24, Quiet = 0.02, Fraction = 0.08;

    public static Wave Find(double[][] leads, int r, double fs)
    {
        var velocity = SpatialVelocity(leads, fs);
        var peak = Slopes.ArgMax(velocity, r - Sec(Search, fs), r + Sec(Search, fs) + 1);
        var floor = Slopes.Percentile(velocity, 0.2);
        var threshold = floor + Fraction * (velocity[peak] - floor);
        var quiet = Math.Max(1, Sec(Quiet, fs));
        var onset = Walk(velocity, peak, -1, Math.Max(0, r - Sec(MaxBefore, fs)), threshold, quiet);
        var offset = Walk(velocity, peak, +1, Math.Min(velocity.Length - 1, r + Sec(MaxAfter, fs)), threshold, quiet);
        return new Wave(onset, r, offset);
    }

    public static double[] SpatialVelocity(double[][] leads, double fs)
    {
        var h = Math.Max(1, Sec(0.005, fs));
        var smooth = Sec(0.004, fs);
        var v = new double[leads[0].Length];
        foreach (var lead in leads)
        {
            var d = Slopes.Derivative(Slopes.Smooth(lead, smooth), h, fs);
            for (var i = 0; i < v.Length; i++) v[i] += Math.Abs(d[i]);
        }
        return v;
    }

    /// <summary>From <paramref name="start"/> in direction <paramref name="step"/>, the first sample after which the
    /// velocity stays below the threshold for <paramref name="quiet"/> samples (a notch inside the QRS is crossed).</summary>
    private static int Walk(double[] v, int start, int step, int limit, double threshold, int quiet)
    {
        for (var i = start; i != limit; i += step)
        {
            var stays = true;
            for (var k = 1; k <= quiet && stays; k++)
            {
                var j = i + step * k;
                if (step > 0 ? j > limit : j < limit) break;
                stays = v[j] <= threshold;
            }
            if (stays) return i + step;
        }
        return limit;
    }

    internal static int Sec(double seconds, double fs) => (int)Math.Round(seconds * fs);
}
