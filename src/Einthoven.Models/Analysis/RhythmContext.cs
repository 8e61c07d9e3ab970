using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Measurements;

namespace Einthoven.Models.Analysis;

/// <summary>
/// What the rhythm verdict, which only the models give, says about the signal library's measurements: a record in
/// atrial fibrillation has no P waves, so no PR interval and no P axis, whatever bump its median beat shows before the
/// QRS. (Paced rhythm and P waves missing from the beats are the signal library's own reasons, see
/// <see cref="RecordIntervals"/>.)
/// </summary>
public static class RhythmContext
{
    public const string AtrialFibrillation = "no P waves: atrial fibrillation";

    /// <summary>The intervals and the reasons for what is not measured, once the rhythm is known.</summary>
    public static (GlobalMeasurements? Intervals, IReadOnlyDictionary<string, string> NotMeasured) Apply(RecordMeasurements m, RhythmVerdict rhythm)
    {
        if (rhythm.Label != RhythmVerdict.AtrialFibrillation || m.Intervals is null) return (m.Intervals, m.NotMeasured);
        return RecordIntervals.WithoutP(m.Intervals, m.NotMeasured, AtrialFibrillation);
    }
}
