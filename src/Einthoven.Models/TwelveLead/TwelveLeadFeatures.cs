using Einthoven.Signal.Analysis;

namespace Einthoven.Models.TwelveLead;

/// <summary>
/// The signal library's measurements the 12-lead network reads beside the signal: rate, rhythm irregularity, the
/// median beat's intervals and frontal axes (as sine and cosine), pacing. A value that could not be measured is NaN
/// and becomes the training mean (0 after standardisation); its flag says it was missing.
/// </summary>
public static class TwelveLeadFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        "rate_bpm", "rr_irregularity", "sdnn_ms", "pr_ms", "pr_missing", "qrs_ms", "qtc_ms", "qt_missing",
        "qrs_axis_sin", "qrs_axis_cos", "t_axis_sin", "t_axis_cos", "p_axis_sin", "p_axis_cos", "p_axis_missing", "paced_fraction",
    ];

    public static int Count => Names.Count;

    /// <summary>
    /// The features of what the model reads: the signal library's analysis of the prepared leads at the model's rate
    /// (100 Hz), so that a record of any rate is measured as the training records were, and at that rate's cost.
    /// </summary>
    public static float[] Of(TwelveLeadSignal signal, string name = "12-lead") => Extract(RecordAnalyzer.Analyze(signal.ToRecord(name)));

    public static float[] Extract(RecordMeasurements m)
    {
        var i = m.Intervals;
        var rate = m.HeartRate;
        double Flag(double? v) => v is null ? 1 : 0;
        double[] values =
        [
            rate?.MeanBpm ?? (i is null ? double.NaN : 60000 / i.RrMs),
            rate is null || rate.MeanBpm <= 0 ? double.NaN : (rate.MaxBpm - rate.MinBpm) / rate.MeanBpm,
            m.HrvTime?.Sdnn ?? double.NaN,
            i?.PrMs ?? double.NaN, Flag(i?.PrMs),
            i?.QrsMs ?? double.NaN,
            i?.QtcBazettMs ?? double.NaN, Flag(i?.QtcBazettMs),
            Sin(i?.QrsAxis), Cos(i?.QrsAxis), Sin(i?.TAxis), Cos(i?.TAxis), Sin(i?.PAxis), Cos(i?.PAxis), Flag(i?.PAxis),
            m.Pacing.PacedBeatFraction,
        ];
        return values.Select(v => double.IsFinite(v) ? (float)v : float.NaN).ToArray();
    }

    private static double Sin(double? degrees) => degrees is { } d ? Math.Sin(d * Math.PI / 180) : 0;
    private static double Cos(double? degrees) => degrees is { } d ? Math.Cos(d * Math.PI / 180) : 0;
}
