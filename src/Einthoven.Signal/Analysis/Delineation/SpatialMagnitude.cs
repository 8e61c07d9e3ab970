namespace Einthoven.Signal.Analysis.Delineation;

/// <summary>
/// The distance of all leads from their isoelectric level, sqrt(sum (x - level)²), after light smoothing: a P or T
/// wave shows up as one hump whatever its polarity in each lead.
/// </summary>
internal static class SpatialMagnitude
{
    public static double[] Of(double[][] leads, double[] isoelectric, double fs, double smoothSeconds)
    {
        var h = QrsBoundaries.Sec(smoothSeconds, fs);
        var m = new double[leads[0].Length];
        for (var l = 0; l < leads.Length; l++)
        {
            var s = Slopes.Smooth(leads[l], h);
            for (var i = 0; i < m.Length; i++) m[i] += (s[i] - isoelectric[l]) * (s[i] - isoelectric[l]);
        }
        for (var i = 0; i < m.Length; i++) m[i] = Math.Sqrt(m[i]);
        return m;
    }

    /// <summary>Each lead's level just before the QRS onset (the PR segment), the reference for P and T.</summary>
    public static double[] IsoelectricLevels(double[][] leads, int qrsOnset, double fs)
    {
        var w = Math.Max(1, QrsBoundaries.Sec(0.02, fs));
        return leads.Select(x => Slopes.Mean(x, qrsOnset - w, qrsOnset + 1)).ToArray();
    }
}
