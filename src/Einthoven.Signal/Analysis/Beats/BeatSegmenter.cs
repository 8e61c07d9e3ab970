namespace Einthoven.Signal.Analysis.Beats;

/// <summary>Cuts fixed windows around R peaks; beats whose window would leave the signal are skipped.</summary>
public static class BeatSegmenter
{
    /// <summary>Default window: 250 ms before the R peak (room for the P wave) and 450 ms after it (T wave).</summary>
    public const double DefaultBefore = 0.25, DefaultAfter = 0.45;

    public static IReadOnlyList<BeatWindow> Segment(IReadOnlyList<int> rPeaks, int signalLength, double fs,
        double beforeSeconds = DefaultBefore, double afterSeconds = DefaultAfter)
    {
        if (fs <= 0) throw new ArgumentOutOfRangeException(nameof(fs), fs, "sampling frequency must be positive");
        if (beforeSeconds < 0 || afterSeconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(afterSeconds), "the window must extend after the R peak and not start after it");
        var before = (int)Math.Round(beforeSeconds * fs);
        var after = (int)Math.Round(afterSeconds * fs);
        var windows = new List<BeatWindow>(rPeaks.Count);
        foreach (var r in rPeaks)
            if (r - before >= 0 && r + after <= signalLength)
                windows.Add(new BeatWindow(r, r - before, r + after));
        return windows;
    }
}
