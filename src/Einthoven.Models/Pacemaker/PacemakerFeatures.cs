using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Analysis.Pacing;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Pacemaker;

/// <summary>
/// What the pacemaker detector reads from a record, at any sampling rate, all from the signal library: the spike
/// evidence (the rule's decision, the share of beats after a stimulus at the strict thresholds and at the looser ones
/// of <see cref="PacingOptions.Relaxed"/>, each above the share chance would give), and the morphology that survives
/// 100 Hz where the stimulus itself is filtered away (the median beat's QRS width, missing P waves, a pacemaker's
/// regular rate, the frontal QRS axis (a right-ventricular apex lead gives a superior axis) and the QRS-T angle
/// (discordant T after a paced QRS)). A value that cannot be measured is NaN, and the model reads it as the training
/// mean.
/// </summary>
public static class PacemakerFeatures
{
    public static readonly string[] Names =
    [
        "rule_paced", "spike_fraction", "spike_excess", "relaxed_fraction", "relaxed_excess",
        "qrs_ms", "wide_qrs", "p_absent", "log_rr_cv", "qrs_axis_sin", "qrs_axis_cos", "qrs_t_angle", "rate_per_s",
    ];

    public static int Count => Names.Length;

    /// <summary>The features of a whole record, analysing it first.</summary>
    public static double[] Compute(EcgRecord record) => Compute(record, RecordAnalyzer.AnalyzeInDetail(record));

    /// <summary>The features of a record from its analysis (<see cref="RecordAnalyzer.AnalyzeInDetail"/>), which they reuse.</summary>
    public static double[] Compute(EcgRecord record, RecordAnalysis analysis)
    {
        var m = analysis.Measurements;
        var fs = record.Info.SamplingFrequency;
        var raw = Enumerable.Range(0, record.Info.Leads.Count).Select(record.Physical).ToArray();
        var beats = raw.Select(x => QrsDetector.Detect(x, fs)).ToArray();
        var strict = beats.Any(b => b.Length > 0) ? PacingAssessment.Assess(raw, fs, beats) : null;
        var relaxed = beats.Any(b => b.Length > 0) ? PacingAssessment.Assess(raw, fs, beats, PacingOptions.Relaxed(raw.Length)) : null;
        var intervals = m.Intervals;
        var rr = analysis.RPeaks.Zip(analysis.RPeaks.Skip(1), (a, b) => (b - a) / fs).ToArray();
        var rrCv = rr.Length >= 2 ? Spread(rr) / rr.Average() : double.NaN;
        var axis = intervals?.QrsAxis;
        double? angle = axis is { } q && intervals?.TAxis is { } t ? Math.Abs(((q - t) % 360 + 540) % 360 - 180) : null;
        return
        [
            m.Pacing.PacedRhythm ? 1 : 0,
            strict?.PacedBeatFraction ?? 0,
            Excess(strict),
            relaxed?.PacedBeatFraction ?? 0,
            Excess(relaxed),
            intervals?.QrsMs ?? double.NaN,
            intervals is null ? double.NaN : intervals.QrsMs >= PacingAssessment.MinPacedQrsMs ? 1 : 0,
            intervals is null ? double.NaN : intervals.PrMs is null ? 1 : 0,
            double.IsNaN(rrCv) ? double.NaN : Math.Log(Math.Max(rrCv, 1e-3)),
            axis is { } a1 ? Math.Sin(a1 * Math.PI / 180) : double.NaN,
            axis is { } a2 ? Math.Cos(a2 * Math.PI / 180) : double.NaN,
            angle is { } g ? g / 180 : double.NaN,
            rr.Length >= 1 ? 1 / rr.Average() : double.NaN,
        ];
    }

    /// <summary>How far the paced share lies above what spikes at random would give (<see cref="PacingAssessment.ChanceMargin"/> times chance).</summary>
    private static double Excess(PacingAssessment? a) => a is null ? 0 : a.PacedBeatFraction - PacingAssessment.ChanceMargin * a.ChanceFraction;

    private static double Spread(double[] x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Average(v => (v - mean) * (v - mean)));
    }
}
