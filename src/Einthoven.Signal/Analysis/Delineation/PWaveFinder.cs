namespace Einthoven.Signal.Analysis.Delineation;

/// <summary>
/// The P wave before the QRS: the largest hump of the spatial magnitude 40-300 ms before the QRS onset, accepted only
/// when it clearly stands above the local floor; onset and offset where it falls to 30 % of its height.
/// </summary>
internal static class PWaveFinder
{
    private const double Earliest = 0.30, Latest = 0.04, Level = 0.3, MinAmplitude = 0.04;

    public static Wave? Find(double[][] leads, Wave qrs, double fs)
    {
        var iso = SpatialMagnitude.IsoelectricLevels(leads, qrs.Onset, fs);
        var m = SpatialMagnitude.Of(leads, iso, fs, 0.015);
        var from = Math.Max(0, qrs.Onset - QrsBoundaries.Sec(Earliest, fs));
        var to = qrs.Onset - QrsBoundaries.Sec(Latest, fs);
        if (to - from < QrsBoundaries.Sec(0.06, fs)) return null;
        var peak = Slopes.ArgMax(m, from, to + 1);
        var before = m[from..(peak + 1)].Min();
        var after = m[peak..(qrs.Onset + 1)].Min();
        var height = m[peak] - Math.Max(before, after);
        if (height < MinAmplitude * Math.Sqrt(leads.Length / 12.0 + 0.1) || peak == from) return null;
        var onset = from;
        for (var i = peak; i >= from; i--)
            if (m[i] <= before + Level * (m[peak] - before)) { onset = i; break; }
        var offset = qrs.Onset;
        for (var i = peak; i <= qrs.Onset; i++)
            if (m[i] <= after + Level * (m[peak] - after)) { offset = i; break; }
        return new Wave(onset, peak, offset);
    }
}
