namespace Einthoven.Signal.Synthesis;

/// <summary>What <see cref="EcgSynthesizer"/> generates: length, rate, leads, heart rate and its variability, ectopy, AF.</summary>
public sealed record SynthesisOptions
{
    public string Name { get; init; } = "synthetic";
    public double SamplingFrequency { get; init; } = 360;
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Lead names; see <see cref="LeadVectors.Known"/> (I, II, III, aVR, aVL, aVF, V1-V6, MLII).</summary>
    public IReadOnlyList<string> Leads { get; init; } = ["MLII", "V1"];
    public double MeanHeartRate { get; init; } = 60;
    /// <summary>Standard deviation of the heart rate in beats per minute (ECGSYN's hrstd).</summary>
    public double HeartRateStd { get; init; } = 1;
    /// <summary>Ratio of low-frequency (Mayer wave, 0.1 Hz) to high-frequency (respiratory, 0.25 Hz) RR power.</summary>
    public double LfHfRatio { get; init; } = 0.5;
    /// <summary>Chance that a beat outside AF is a premature ventricular contraction.</summary>
    public double PvcProbability { get; init; }
    /// <summary>Atrial fibrillation episodes: irregular ventricular response, no P waves, fibrillatory waves.</summary>
    public IReadOnlyList<(TimeSpan Start, TimeSpan Length)> AfEpisodes { get; init; } = [];
    /// <summary>Mean ventricular rate during AF, in beats per minute.</summary>
    public double AfHeartRate { get; init; } = 95;
    /// <summary>Standard deviation of the white measurement noise, in mV.</summary>
    public double NoiseMv { get; init; } = 0.01;
    /// <summary>Amplitude of the respiratory baseline wander, in mV.</summary>
    public double BaselineWanderMv { get; init; } = 0.1;
    /// <summary>ADC units per mV of the generated digital samples.</summary>
    public double Gain { get; init; } = 200;
    public DateTime? Start { get; init; }
    public int Seed { get; init; } = 1;
}
