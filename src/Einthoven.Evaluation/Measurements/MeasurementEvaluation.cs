using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Delineation;
using Einthoven.Models.Analysis;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Formats;

namespace Einthoven.Evaluation.Measurements;

/// <summary>One record's measurements that the checks read.</summary>
public sealed record MeasuredRecord(string Record, double? PrMs, string? PrReason, bool PacedRhythm, int SpikeCount);

/// <summary>
/// Whether the whole analysis (<see cref="ModelAnalyzer"/>: signal measurements, then the rhythm verdict) reports a
/// measurement only where it has a meaning, on PTB-XL folds 1-9: no PR interval in atrial fibrillation, flutter or
/// paced rhythm, a PR in sinus rhythm, a long PR in first-degree AV block, and no pacing spikes on records without a
/// pacemaker. Rhythm statements are taken whatever their likelihood (PTB-XL gives rhythm statements 0), first-degree
/// AV block at a likelihood of at least 50 as in <see cref="DelineationEvaluation"/>; paced means a non-empty
/// pacemaker column or the PACE statement.
/// </summary>
public static class MeasurementEvaluation
{
    private static readonly string[] NotSinus = ["AFIB", "AFLT", "PACE", "SVTAC", "PSVT"];

    private static bool Paced(PtbXlEntry e) => e.Pacemaker || e.ScpCodes.ContainsKey("PACE");

    private static readonly (string Group, string Criterion, Func<PtbXlEntry, bool> Member, Func<MeasuredRecord, bool?> Agrees)[] Checks =
    [
        ("AFIB", "no PR reported", e => e.ScpCodes.ContainsKey("AFIB"), m => m.PrMs is null),
        ("AFLT", "no PR reported", e => e.ScpCodes.ContainsKey("AFLT"), m => m.PrMs is null),
        ("paced", "no PR reported", Paced, m => m.PrMs is null),
        ("SR, not AFIB/AFLT/PACE/SVTAC/PSVT", "PR reported", e => e.ScpCodes.ContainsKey("SR") && !NotSinus.Any(e.ScpCodes.ContainsKey), m => m.PrMs is not null),
        ("1AVB", "PR reported", e => e.Has("1AVB", DelineationEvaluation.MinLikelihood), m => m.PrMs is not null),
        ("1AVB", "PR > 200 ms", e => e.Has("1AVB", DelineationEvaluation.MinLikelihood), m => m.PrMs is { } p ? p > 200 : null),
        ("not paced", "no pacing spike reported", e => !Paced(e), m => m.SpikeCount == 0),
        ("paced", "paced rhythm detected", Paced, m => m.PacedRhythm),
    ];

    /// <summary>Analyses every PTB-XL record of <paramref name="entries"/>; one agreement per check, and each record's measurements.</summary>
    public static (IReadOnlyList<Agreement> Checks, IReadOnlyList<MeasuredRecord> Records) Run(ModelAnalyzer analyzer, IReadOnlyList<PtbXlEntry> entries,
        int threads = 0, Action<int, int>? progress = null)
    {
        var measured = new MeasuredRecord[entries.Count];
        var done = 0;
        Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount }, i =>
        {
            var r = analyzer.Analyze(RecordFiles.Read(entries[i].HeaderPath)).Report;
            measured[i] = new MeasuredRecord(r.Record, r.Intervals?.PrMs,
                r.NotMeasured?.GetValueOrDefault(NotMeasured.Pr) ?? r.NotMeasured?.GetValueOrDefault(NotMeasured.Intervals),
                r.Pacing.PacedRhythm, r.Pacing.SpikeCount);
            progress?.Invoke(Interlocked.Increment(ref done), entries.Count);
        });
        var checks = Checks.Select(c =>
        {
            var members = Enumerable.Range(0, entries.Count).Where(i => c.Member(entries[i])).Select(i => c.Agrees(measured[i])).ToArray();
            return new Agreement(c.Group, c.Criterion, members.Length, members.Count(a => a == true), members.Count(a => a is null));
        }).ToArray();
        return (checks, measured);
    }
}
