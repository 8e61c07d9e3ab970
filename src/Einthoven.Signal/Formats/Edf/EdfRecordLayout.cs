namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// Chooses the data-record duration for writing: a duration the 8-character field states exactly, holding a whole
/// number of samples, preferably one second, and preferably one that divides the record's length so that no padding
/// is needed.
/// </summary>
internal static class EdfRecordLayout
{
    private static readonly decimal[] Preferred =
        [1, 2, 0.5m, 5, 4, 0.25m, 0.2m, 10, 0.1m, 8, 0.125m, 0.05m, 0.04m, 0.025m, 0.02m, 0.01m, 20, 30, 60];

    private const int MaxSearchedSamples = 100_000;

    public static (int SamplesPerRecord, decimal Duration) Choose(double samplingFrequency, long sampleCount)
    {
        if (!double.IsFinite(samplingFrequency) || samplingFrequency <= 0 || samplingFrequency > 1e9)
            throw new ArgumentException($"sampling frequency {samplingFrequency} Hz cannot be written to EDF");
        var fs = (decimal)samplingFrequency;
        var candidates = Preferred.Select(d => (Spr: fs * d, Duration: d)).Where(c => IsWholeCount(c.Spr)).ToList();
        if (candidates.Count == 0)
            candidates.AddRange(Enumerable.Range(1, MaxSearchedSamples).Select(n => (Spr: (decimal)n, Duration: n / fs))
                .Where(c => c.Duration * fs == c.Spr && EdfTal.Format(c.Duration).Length <= 8).Take(1));
        if (candidates.Count == 0)
            throw new ArgumentException($"sampling frequency {samplingFrequency} Hz gives no whole number of samples in any data-record duration EDF can state");
        var divides = candidates.FirstOrDefault(c => sampleCount > 0 && sampleCount % (long)c.Spr == 0);
        var chosen = divides.Spr > 0 ? divides : candidates[0];
        return ((int)chosen.Spr, chosen.Duration);
    }

    private static bool IsWholeCount(decimal spr) => spr >= 1 && spr <= int.MaxValue / 4 && spr == decimal.Truncate(spr);
}
