namespace Einthoven.Signal.Analysis.Delineation;

/// <summary>Delineates every beat of a signal on its own window, with positions in samples of the whole signal.</summary>
public static class BeatDelineator
{
    private const double Before = 0.35, After = 0.7;

    public static IReadOnlyList<BeatDelineation> DelineateAll(double[][] leads, IReadOnlyList<int> rPeaks, double fs)
    {
        var result = new List<BeatDelineation>(rPeaks.Count);
        var n = leads[0].Length;
        for (var k = 0; k < rPeaks.Count; k++)
        {
            var r = rPeaks[k];
            var rr = k + 1 < rPeaks.Count ? (rPeaks[k + 1] - r) / fs : k > 0 ? (r - rPeaks[k - 1]) / fs : 1.0;
            var start = Math.Max(0, r - QrsBoundaries.Sec(Before, fs));
            var end = Math.Min(n, r + QrsBoundaries.Sec(After, fs));
            if (end - start < QrsBoundaries.Sec(0.3, fs)) continue;
            var window = leads.Select(l => l[start..end]).ToArray();
            var d = WaveDelineator.Delineate(window, r - start, rr, fs);
            result.Add(new BeatDelineation(r, Shift(d.Qrs, start), d.P is { } p ? Shift(p, start) : null, d.T is { } t ? Shift(t, start) : null));
        }
        return result;
    }

    private static Wave Shift(Wave w, int by) => new(w.Onset + by, w.Peak + by, w.Offset + by);
}
