using Einthoven.Models.Analysis;

namespace Einthoven.Evaluation.Digitization;

/// <summary>
/// One measurement compared between the analysis of the record and that of its digitised image: on how many records
/// both had it, the original alone, or the digitised alone, and the mean absolute difference where both had it (NaN if none).
/// </summary>
public sealed record MeasurementAgreement(string Name, string Unit, int Both, int OriginalOnly, int DigitizedOnly, double MeanAbsoluteDifference)
{
    public static MeasurementAgreement Of(string name, string unit, IEnumerable<(double? Original, double? Digitized)> values)
    {
        var v = values.ToArray();
        var both = v.Where(p => p.Original is not null && p.Digitized is not null).Select(p => Math.Abs(p.Original!.Value - p.Digitized!.Value)).ToArray();
        return new MeasurementAgreement(name, unit, both.Length, v.Count(p => p.Original is not null && p.Digitized is null),
            v.Count(p => p.Original is null && p.Digitized is not null), both.Length == 0 ? double.NaN : both.Average());
    }
}

/// <summary>
/// The analysis of digitised records against that of the records themselves, over the images that were digitised
/// (<see cref="Failed"/> counts the others, and those with nothing to analyse): how often the rhythm label (N, A, O, ~) is the same, and heart rate, PR,
/// QRS and QT side by side.
/// </summary>
public sealed record AnalysisAgreement(int Compared, int Failed, int RhythmSame, IReadOnlyList<MeasurementAgreement> Measurements)
{
    public double RhythmAgreement => Compared == 0 ? double.NaN : (double)RhythmSame / Compared;

    public static AnalysisAgreement Of(IReadOnlyList<(AnalysisReport Original, AnalysisReport? Digitized)> pairs)
    {
        var done = pairs.Where(p => p.Digitized is not null).Select(p => (p.Original, Digitized: p.Digitized!)).ToArray();
        MeasurementAgreement Compare(string name, string unit, Func<AnalysisReport, double?> value) =>
            MeasurementAgreement.Of(name, unit, done.Select(p => (value(p.Original), value(p.Digitized))));
        return new AnalysisAgreement(done.Length, pairs.Count - done.Length,
            done.Count(p => p.Original.Rhythm?.Label is { } l && l == p.Digitized.Rhythm?.Label),
            [
                Compare("heart rate", "bpm", r => r.HeartRate?.MeanBpm),
                Compare("PR", "ms", r => r.Intervals?.PrMs),
                Compare("QRS", "ms", r => r.Intervals?.QrsMs),
                Compare("QT", "ms", r => r.Intervals?.QtMs),
            ]);
    }
}
