namespace Einthoven.Signal.Analysis.Quality;

/// <summary>
/// How steep the signal is between the detected beats relative to the beats themselves: the RMS slope outside the
/// QRS complexes over the median steepest slope within them. P and T waves are slow, so a clean ECG scores about 0.05;
/// noise with QRS-band content (electrode motion, muscle) raises the slope everywhere, and false beats placed on its
/// biggest bursts do not hide the rest of it.
/// </summary>
public static class InterBeatNoise
{
    private const double QrsHalfSeconds = 0.1;

    /// <param name="filtered">The segment, cleaned (0.5-40 Hz).</param>
    /// <param name="beats">Beats detected in the segment, relative to its start.</param>
    /// <returns>The ratio; 0 with no beats.</returns>
    public static double Measure(ReadOnlySpan<double> filtered, IReadOnlyList<long> beats, double fs)
    {
        if (beats.Count == 0 || filtered.Length < 2) return 0;
        var half = (int)Math.Round(QrsHalfSeconds * fs);
        var inQrs = new bool[filtered.Length];
        var steepest = new List<double>(beats.Count);
        foreach (var b in beats)
        {
            var from = (int)Math.Clamp(b - half, 1, filtered.Length - 1);
            var to = (int)Math.Clamp(b + half, 1, filtered.Length - 1);
            var peak = 0.0;
            for (var i = from; i <= to; i++)
            {
                inQrs[i] = true;
                peak = Math.Max(peak, Math.Abs(filtered[i] - filtered[i - 1]));
            }
            steepest.Add(peak);
        }
        double sum = 0;
        var count = 0;
        for (var i = 1; i < filtered.Length; i++)
        {
            if (inQrs[i]) continue;
            var d = filtered[i] - filtered[i - 1];
            sum += d * d;
            count++;
        }
        steepest.Sort();
        var qrs = steepest[steepest.Count / 2];
        return count == 0 || qrs <= 0 ? 0 : Math.Sqrt(sum / count) / qrs;
    }
}
