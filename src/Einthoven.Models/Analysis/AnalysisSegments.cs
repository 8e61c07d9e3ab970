using Einthoven.Signal.Records;

namespace Einthoven.Models.Analysis;

/// <summary>
/// One segment of a long record: samples <c>[Start, End)</c> are analysed, and the results in its core
/// <c>[CoreStart, CoreEnd)</c> are kept. The cores tile the record; the overlap on each side gives the filters, the
/// detector and the beat windows their context.
/// </summary>
public sealed record AnalysisSegment(long Start, long CoreStart, long CoreEnd, long End)
{
    public int Length => (int)(End - Start);
}

/// <summary>
/// How <see cref="LongRecordAnalyzer"/> cuts a record: a record of at most the budget (samples over all leads) is one
/// segment; a longer one is cut into equal cores of whole 30-s steps (so that the rhythm model's 30-s windows and the
/// 10-s quality segments of every segment fall on the record's own grid), each read with 30 s of overlap on both sides.
/// A remainder under 60 s joins the previous core (so the last segment still has whole rhythm windows of its own).
/// Every segment, overlaps included, stays within the budget.
/// </summary>
public static class AnalysisSegments
{
    public const double StepSeconds = RecordRhythm.WindowSeconds, OverlapSeconds = RecordRhythm.WindowSeconds, MinimumCoreSeconds = 2 * RecordRhythm.WindowSeconds;

    public static IReadOnlyList<AnalysisSegment> Plan(RecordInfo info, long budgetSamples)
    {
        var n = info.SampleCount;
        var step = Math.Max(1, (long)Math.Round(StepSeconds * info.SamplingFrequency));
        var overlap = Math.Max(1, (long)Math.Round(OverlapSeconds * info.SamplingFrequency));
        var minimumCore = Math.Max(1, (long)Math.Round(MinimumCoreSeconds * info.SamplingFrequency));
        // A budget too small for overlaps, a minimum core and one step at this rate is raised to that (a few minutes).
        var perLead = Math.Max(budgetSamples / Math.Max(1, info.Leads.Count), 2 * overlap + minimumCore + step);
        if (n <= perLead) return [new AnalysisSegment(0, 0, n, n)];

        var maxCore = (perLead - 2 * overlap - minimumCore) / step * step;
        var count = (n + maxCore - 1) / maxCore;
        var core = ((n + count - 1) / count + step - 1) / step * step;
        var segments = new List<AnalysisSegment>();
        for (long start = 0; start < n; start += core)
        {
            var end = Math.Min(n, start + core);
            if (n - end < minimumCore) end = n;
            segments.Add(new AnalysisSegment(Math.Max(0, start - overlap), start, end, Math.Min(n, end + overlap)));
            if (end == n) break;
        }
        return segments;
    }
}
