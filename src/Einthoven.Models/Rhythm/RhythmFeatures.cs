using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Analysis.Filters;
using Einthoven.Signal.Analysis.Quality;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Rhythm;

/// <summary>
/// The rhythm classifier's per-record feature vector from one lead: RR irregularity, beat shape (P wave, QRS width,
/// beat-to-beat similarity), signal-quality indices, and the beat count per second over the record.
/// </summary>
public static class RhythmFeatures
{
    private static readonly string[] SignalNames =
        ["kurtosis", "spectral_ratio", "baseline_ratio", "flat_fraction", "saturated_fraction", "beats_per_second", "duration_s"];

    public static readonly string[] Names = [.. RrIrregularity.Names, .. BeatShape.Names, .. SignalNames];

    public static int Count => Names.Length;

    /// <summary>Features of one lead of a record (the first by default).</summary>
    public static float[] Extract(EcgRecord record, int lead = 0)
    {
        var (millivolts, resolution) = Millivolts(record, lead);
        return Extract(millivolts, record.Info.SamplingFrequency, resolution);
    }

    /// <summary>One lead in mV and one ADC step in mV (a gain of 200 per mV when the header gives none).</summary>
    public static (double[] Millivolts, double Resolution) Millivolts(EcgRecord record, int lead)
    {
        if (lead < 0 || lead >= record.Info.Leads.Count)
            throw new ArgumentOutOfRangeException(nameof(lead), lead, $"{record.Info.Name} has {record.Info.Leads.Count} leads");
        var info = record.Info.Leads[lead];
        var gain = info.Gain > 0 ? info.Gain : 200;
        var digital = record.Samples[lead];
        var millivolts = new double[digital.Length];
        for (var i = 0; i < digital.Length; i++) millivolts[i] = (digital[i] - info.Baseline) / gain;
        return (millivolts, 1 / gain);
    }

    /// <param name="millivolts">The lead in mV.</param>
    /// <param name="resolution">One ADC step in mV (for flat-line and clipping detection).</param>
    public static float[] Extract(double[] millivolts, double fs, double resolution)
    {
        if (fs <= 0) throw new ArgumentOutOfRangeException(nameof(fs), fs, "sampling frequency must be positive");
        for (var i = 0; i < millivolts.Length; i++)
            if (!double.IsFinite(millivolts[i])) millivolts[i] = i > 0 ? millivolts[i - 1] : 0;
        var duration = millivolts.Length / fs;
        var values = new List<double>(Count);
        var minimum = (int)Math.Ceiling(fs);
        if (millivolts.Length < minimum)
        {
            values.AddRange(RrIrregularity.Measure([]));
            values.AddRange(new double[BeatShape.Names.Length + SignalNames.Length - 1]);
            values.Add(duration);
            return Finite(values);
        }
        var peaks = QrsDetector.Detect(millivolts, fs);
        var rr = new double[Math.Max(0, peaks.Length - 1)];
        for (var i = 0; i < rr.Length; i++) rr[i] = (peaks[i + 1] - peaks[i]) / fs;
        var filtered = EcgCleaning.Clean(millivolts, fs);
        var quality = QualityFeatures.Compute(millivolts, filtered, fs, resolution, peaks, []);
        values.AddRange(RrIrregularity.Measure(rr));
        values.AddRange(BeatShape.Measure(filtered, peaks, fs));
        values.AddRange([quality.Kurtosis, quality.SpectralRatio, quality.BaselineRatio, quality.FlatFraction,
            quality.SaturatedFraction, peaks.Length / duration, duration]);
        return Finite(values);
    }

    private static float[] Finite(List<double> values) =>
        values.Select(v => double.IsFinite(v) ? (float)Math.Clamp(v, -1e6, 1e6) : 0f).ToArray();
}
