using Einthoven.Signal.Analysis.Delineation;

namespace Einthoven.Signal.Analysis.Measurements;

/// <summary>
/// A record's intervals and frontal axes, measured on the median beat of the dominant beat family
/// (<see cref="DominantBeats"/>) at the record's median RR interval, with the reason for every value not measured
/// (<see cref="NotMeasured"/>). A PR interval and a P axis need P waves: none unless the individual beats show them
/// (<see cref="PWavePresence"/>), not only the median beat; and none in paced rhythm or atrial fibrillation, which the
/// callers know (<see cref="WithoutP"/>).
/// </summary>
public static class RecordIntervals
{
    public const string PacedRhythm = "no P waves: paced rhythm";
    private const string NoAxis = "needs the limb leads (at least two) with a net deflection";

    /// <param name="leads">Cleaned leads in mV.</param>
    /// <param name="leadNames">The leads' names (the axes need the limb leads).</param>
    /// <param name="rPeaks">Every beat of the record, ascending.</param>
    /// <param name="analysed">Per beat, whether it lies in an interpretable segment (only those are measured).</param>
    public static (GlobalMeasurements? Intervals, Dictionary<string, string> NotMeasured) Measure(
        double[][] leads, IReadOnlyList<string> leadNames, IReadOnlyList<int> rPeaks, IReadOnlyList<bool> analysed, double fs)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var rrBefore = DominantBeats.RrBefore(rPeaks, fs);
        var used = Enumerable.Range(0, rPeaks.Count).Where(i => analysed[i]).ToArray();
        var family = DominantBeats.Select(leads, used.Select(i => rPeaks[i]).ToArray(), used.Select(i => rrBefore[i]).ToArray(), fs);
        var median = RepresentativeBeat.Build(leads, family, fs);
        if (median is null)
        {
            reasons[NotMeasured.Intervals] = "no median beat: fewer than 3 alike beats in interpretable segments";
            return (null, reasons);
        }
        var rr = used.Where(i => i > 0 && analysed[i - 1]).Select(i => rrBefore[i]).ToArray();
        var rrSeconds = rr.Length == 0 ? median.RrSeconds : Slopes.Percentile(rr, 0.5);
        var waves = WaveDelineator.Delineate(median.Leads, median.RIndex, rrSeconds, fs);
        var m = GlobalMeasurements.Measure(median, waves, leadNames, rrSeconds);
        var pAbsence = m.PrMs is null ? "no P waves: none in the median beat"
            : PWavePresence.Check(leads, family, fs).Absence is { } absence ? "no P waves: " + absence
            : null;
        if (pAbsence is not null) (m, reasons) = WithoutP(m, reasons, pAbsence);
        if (waves.T is null)
            foreach (var key in new[] { NotMeasured.Qt, NotMeasured.QtcBazett, NotMeasured.QtcFridericia, NotMeasured.TAxis })
                reasons[key] = "no T wave in the median beat";
        foreach (var (key, value) in new[] { (NotMeasured.PAxis, m.PAxis), (NotMeasured.QrsAxis, m.QrsAxis), (NotMeasured.TAxis, m.TAxis) })
            if (value is null) reasons.TryAdd(key, NoAxis);
        return (m, reasons);
    }

    /// <summary>The measurements without PR and P axis, with <paramref name="reason"/> for both (paced rhythm, atrial fibrillation).</summary>
    public static (GlobalMeasurements Intervals, Dictionary<string, string> NotMeasured) WithoutP(
        GlobalMeasurements m, IReadOnlyDictionary<string, string> notMeasured, string reason)
    {
        var reasons = new Dictionary<string, string>(notMeasured, StringComparer.Ordinal) { [NotMeasured.Pr] = reason, [NotMeasured.PAxis] = reason };
        return (m with { PrMs = null, PAxis = null }, reasons);
    }
}
