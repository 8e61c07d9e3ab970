using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Analysis.Spectral;

namespace Einthoven.Signal.Analysis.Quality;

/// <summary>
/// Signal-quality indices of one lead over one segment (Li, Clifford 2008; Clifford 2012):
/// kSQI kurtosis (clean ECG is peaky, above 5; Gaussian noise is 3), pSQI the share of 5-40 Hz power in 5-15 Hz
/// (0.5-0.8 for a clean QRS), basSQI the share of 0-40 Hz power above 1 Hz (baseline wander lowers it), the fraction
/// of the segment that is flat or stuck at its extreme (lead off, saturation), and bSQI the agreement of the beats
/// detected on this lead with those detected on the other leads (null with a single lead), and the steepness of the
/// signal between this lead's beats relative to their QRS complexes (<see cref="InterBeatNoise"/>): with the
/// agreement, it sees noise that looks like QRS complexes (electrode motion, bursts of muscle noise), which the
/// spectral indices cannot tell from an ECG.
/// </summary>
public sealed record QualityFeatures(double Kurtosis, double SpectralRatio, double BaselineRatio, double FlatFraction,
    double SaturatedFraction, double? BeatAgreement, double NoiseToQrs = 0)
{
    private const double FlatRunSeconds = 0.2, ClipRunSeconds = 0.04;

    /// <param name="raw">The segment before filtering, in mV (for flat lines, clipping and baseline wander).</param>
    /// <param name="filtered">The same segment band-passed.</param>
    /// <param name="resolution">The smallest step of the signal in mV (one ADC unit).</param>
    /// <param name="beats">Beats detected on this lead in the segment.</param>
    /// <param name="otherLeadsBeats">Beats detected on each other lead in the segment.</param>
    public static QualityFeatures Compute(ReadOnlySpan<double> raw, ReadOnlySpan<double> filtered, double fs, double resolution,
        IReadOnlyList<long> beats, IReadOnlyList<IReadOnlyList<long>> otherLeadsBeats) =>
        Compute(raw, filtered, fs, resolution, beats, otherLeadsBeats.Count == 0 ? null : otherLeadsBeats.Average(o => Agreement(beats, o, fs)));

    /// <param name="beatAgreement">bSQI, already measured (<see cref="Agreement"/>), or null when no other lead can say.</param>
    public static QualityFeatures Compute(ReadOnlySpan<double> raw, ReadOnlySpan<double> filtered, double fs, double resolution,
        IReadOnlyList<long> beats, double? beatAgreement)
    {
        var flat = RunFraction(raw, fs, FlatRunSeconds, (a, b) => Math.Abs(a - b) <= 1.5 * resolution);
        double max = double.MinValue, min = double.MaxValue;
        foreach (var v in raw) { max = Math.Max(max, v); min = Math.Min(min, v); }
        var clipped = max - min <= 2 * resolution ? 0
            : RunFraction(raw, fs, ClipRunSeconds, (a, b) => a == b && (a >= max - resolution || a <= min + resolution));
        var top = Math.Min(40, fs / 2 - 1e-9);
        var spectrum = Welch.Estimate(filtered, fs, Fft.NextPowerOfTwo((int)(2 * fs)));
        var band = spectrum.BandPower(5, top);
        var rawSpectrum = Welch.Estimate(raw, fs, Fft.NextPowerOfTwo((int)Math.Min(raw.Length, 8 * fs)));
        var all = rawSpectrum.BandPower(0, top);
        return new QualityFeatures(
            KurtosisOf(filtered),
            band > 0 ? spectrum.BandPower(5, 15) / band : 0,
            all > 0 ? 1 - rawSpectrum.BandPower(0, 1) / all : 0,
            flat, clipped, beatAgreement, InterBeatNoise.Measure(filtered, beats, fs));
    }

    /// <summary>Matched beats over all distinct beats of the two lists (1 when both are empty).</summary>
    public static double Agreement(IReadOnlyList<long> a, IReadOnlyList<long> b, double fs)
    {
        if (a.Count == 0 && b.Count == 0) return 1;
        var matched = BeatMatching.Match(a, b, BeatMatching.Window(fs)).Pairs.Count;
        return (double)matched / (a.Count + b.Count - matched);
    }

    private static double KurtosisOf(ReadOnlySpan<double> x)
    {
        var mean = 0.0;
        foreach (var v in x) mean += v;
        mean /= x.Length;
        double m2 = 0, m4 = 0;
        foreach (var v in x)
        {
            var d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }
        m2 /= x.Length;
        m4 /= x.Length;
        return m2 <= 0 ? 0 : m4 / (m2 * m2);
    }

    /// <summary>Share of samples in runs of at least <paramref name="seconds"/> where each step satisfies <paramref name="same"/>.</summary>
    private static double RunFraction(ReadOnlySpan<double> x, double fs, double seconds, Func<double, double, bool> same)
    {
        var minRun = Math.Max(2, (int)Math.Round(seconds * fs));
        int inRuns = 0, run = 1;
        for (var i = 1; i <= x.Length; i++)
        {
            if (i < x.Length && same(x[i], x[i - 1])) { run++; continue; }
            if (run >= minRun) inRuns += run;
            run = 1;
        }
        return x.Length == 0 ? 1 : (double)inRuns / x.Length;
    }
}
