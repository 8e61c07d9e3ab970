namespace Einthoven.Signal.Analysis.Quality;

/// <summary>
/// Turns quality features into a level. Anything that makes the rhythm uninterpretable (a flat or clipped trace,
/// noise with no peaky QRS, detectors that disagree) is inconclusive, so the analysis says so instead of guessing.
/// </summary>
public static class QualityRules
{
    /// <summary>Beat agreement with the other leads above which a lead's beats are taken as beats however little peaky.</summary>
    public const double AgreedBeats = 0.9;

    public static (QualityLevel Level, string? Reason) Classify(QualityFeatures f)
    {
        if (f.FlatFraction > 0.5) return (QualityLevel.Inconclusive, "flat line (lead off or no signal)");
        if (f.SaturatedFraction > 0.1) return (QualityLevel.Inconclusive, "signal clipped at the amplifier's limit");
        // A fast rate makes even a clean ECG less peaky (the QRS complexes fill more of the time); where other leads
        // see the same beats, they are beats, not noise (sinus tachycardia on a paper ECG's lead II rhythm strip).
        if (f.Kurtosis < 4 && !(f.BeatAgreement >= AgreedBeats))
            return (QualityLevel.Inconclusive, "no peaky QRS complexes (noise-like signal)");
        if (f.SpectralRatio < 0.2) return (QualityLevel.Inconclusive, "high-frequency noise dominates the QRS band");
        // Disagreement alone cannot say which lead is wrong: a lead with clearly peaky QRS complexes keeps its beats.
        if (f.BeatAgreement < 0.5 && f.Kurtosis < 5) return (QualityLevel.Inconclusive, "beat detection disagrees between leads");
        // Noise that mimics QRS complexes (electrode motion, muscle): the signal between the beats is steep and the
        // leads see different beats; a single lead must show the steepness more plainly. Fitted on MIT-BIH DS1 records
        // (clean, and with synthesised noise added; docs/BENCHMARKS.md).
        if (f.Kurtosis < 15 && (f.NoiseToQrs > 0.1 && f.BeatAgreement < 0.85 || f.NoiseToQrs > 0.09 && f.BeatAgreement < 0.75))
            return (QualityLevel.Inconclusive, "noise between the beats as steep as the QRS complexes, and the leads disagree on the beats");
        if (f.BeatAgreement is null && f.NoiseToQrs > 0.12 && f.Kurtosis < 10)
            return (QualityLevel.Inconclusive, "noise between the beats as steep as the QRS complexes");
        var good = f.Kurtosis >= 5 && f.SpectralRatio is >= 0.4 and <= 0.95 && f.BaselineRatio >= 0.8
                   && f.FlatFraction < 0.05 && f.SaturatedFraction == 0 && (f.BeatAgreement ?? 1) >= 0.9;
        return good ? (QualityLevel.Good, null) : (QualityLevel.Acceptable, null);
    }
}
