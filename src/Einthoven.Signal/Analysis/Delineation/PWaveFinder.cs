namespace Einthoven.Signal.Analysis.Delineation;

/// <summary>
/// The P wave before the QRS: the hump of the spatial magnitude 40-300 ms before the QRS onset nearest to the QRS, accepted only
/// when it clearly stands above the local floor; onset and offset where it falls to 30 % of its height, the onset then
/// followed down the slow rise to the magnitude's low point at most 10 ms earlier (the P wave starts more gently than it
/// ends, so the 30 % level alone put its onset 11 ms after LUDB's experts' on average).
/// </summary>
internal static class PWaveFinder
{
    private const double Earliest = 0.30, Latest = 0.04, Level = 0.3, MinAmplitude = 0.04, OnsetDescent = 0.01;

    public static Wave? Find(double[][] leads, Wave qrs, double fs)
    {
        var iso = SpatialMagnitude.IsoelectricLevels(leads, qrs.Onset, fs);
        var m = SpatialMagnitude.Of(leads, iso, fs, 0.015);
        var from = Math.Max(0, qrs.Onset - QrsBoundaries.Sec(Earliest, fs));
        var to = qrs.Onset - QrsBoundaries.Sec(Latest, fs);
        if (to - from < QrsBoundaries.Sec(0.06, fs)) return null;
        // The hump nearest the QRS that stands out: at fast rates the previous T wave reaches into the window.
        var minHeight = MinAmplitude * Math.Sqrt(leads.Length / 12.0 + 0.1);
        int peak = -1;
        double before = 0, after = 0;
        for (var i = to; i > from && peak < 0; i--)
        {
            if (m[i] < m[i - 1] || m[i] < m[i + 1]) continue;
            before = m[from..(i + 1)].Min();
            after = m[i..(qrs.Onset + 1)].Min();
            if (m[i] - Math.Max(before, after) >= minHeight) peak = i;
        }
        if (peak < 0) return null;
        var onset = from;
        for (var i = peak; i >= from; i--)
            if (m[i] <= before + Level * (m[peak] - before)) { onset = i; break; }
        var earliest = Math.Max(from, onset - QrsBoundaries.Sec(OnsetDescent, fs));
        while (onset > earliest && m[onset - 1] < m[onset]) onset--;
        var offset = qrs.Onset;
        for (var i = peak; i <= qrs.Onset; i++)
            if (m[i] <= after + Level * (m[peak] - after)) { offset = i; break; }
        return new Wave(onset, peak, offset);
    }
}
