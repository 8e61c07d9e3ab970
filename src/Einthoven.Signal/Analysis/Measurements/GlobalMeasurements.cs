using Einthoven.Signal.Analysis.Delineation;

namespace Einthoven.Signal.Analysis.Measurements;

/// <summary>
/// Per-record intervals (ms) and frontal axes (degrees) from the median beat, with multi-lead onsets and offsets.
/// A value is null when the wave it needs was not found (no P wave in atrial fibrillation, no T wave in noise).
/// </summary>
public sealed record GlobalMeasurements(
    double RrMs, double? PrMs, double QrsMs, double? QtMs, double? QtcBazettMs, double? QtcFridericiaMs,
    double? PAxis, double? QrsAxis, double? TAxis, int BeatsInMedian)
{
    /// <param name="rrSeconds">The RR interval for rate correction; by default the median beat's.</param>
    public static GlobalMeasurements Measure(RepresentativeBeat beat, BeatDelineation waves, IReadOnlyList<string> leadNames, double? rrSeconds = null)
    {
        var ms = 1000 / beat.SamplingFrequency;
        var rr = rrSeconds ?? beat.RrSeconds;
        var qt = waves.T is { } t ? (t.Offset - waves.Qrs.Onset) * ms : (double?)null;
        var iso = waves.Qrs.Onset;
        return new GlobalMeasurements(
            RrMs: rr * 1000,
            PrMs: waves.P is { } p ? (waves.Qrs.Onset - p.Onset) * ms : null,
            QrsMs: waves.Qrs.Length * ms,
            QtMs: qt,
            QtcBazettMs: qt / Math.Sqrt(rr),
            QtcFridericiaMs: qt / Math.Cbrt(rr),
            PAxis: waves.P is { } pw ? FrontalAxis.Compute(beat.Leads, leadNames, pw, iso) : null,
            QrsAxis: FrontalAxis.Compute(beat.Leads, leadNames, waves.Qrs, iso),
            TAxis: waves.T is { } tw ? FrontalAxis.Compute(beat.Leads, leadNames, tw, iso) : null,
            BeatsInMedian: beat.BeatCount);
    }
}
