namespace Einthoven.Signal.Analysis.Pacing;

/// <summary>
/// Finds pacing-spike candidates on an unfiltered lead: points where the signal rises and falls back (or falls and
/// rises) far more steeply over ~5.5 ms than over three times that span. A pacemaker stimulus is a few milliseconds
/// wide, so even after a recorder's anti-aliasing filter it is a peak much narrower than any R wave, whose flanks
/// keep their slope over the longer span.
/// </summary>
public static class PacingSpikeDetector
{
    private const double ShortSeconds = 0.0055, SuppressSeconds = 0.02;

    public static IReadOnlyList<PacingSpike> Detect(ReadOnlySpan<double> lead, double fs, PacingOptions options, int leadIndex = 0)
    {
        if (fs <= 0) throw new ArgumentOutOfRangeException(nameof(fs), fs, "sampling frequency must be positive");
        var b = Math.Max(1, (int)Math.Round(ShortSeconds * fs));
        var wide = 3 * b;
        var suppress = Math.Max(1, (int)Math.Round(SuppressSeconds * fs));
        var spikes = new List<PacingSpike>();
        for (var i = wide; i < lead.Length - wide; i++)
        {
            var slope = PeakSlope(lead, i, b, fs);
            if (slope < options.MinSlope || slope < options.MinSharpness * PeakSlope(lead, i, wide, fs)) continue;
            if (spikes.Count > 0 && i - spikes[^1].Sample <= suppress)
            {
                if (slope > spikes[^1].Slope) spikes[^1] = new PacingSpike(i, leadIndex, slope);
                continue;
            }
            spikes.Add(new PacingSpike(i, leadIndex, slope));
        }
        return spikes;
    }

    /// <summary>The smaller of the rise and the fall around a local peak or trough over <paramref name="span"/> samples, in mV/s (0 if it is no extremum).</summary>
    private static double PeakSlope(ReadOnlySpan<double> x, int i, int span, double fs)
    {
        double up = x[i] - x[i - span], down = x[i] - x[i + span];
        return up * down > 0 ? Math.Min(Math.Abs(up), Math.Abs(down)) * fs / span : 0;
    }
}
