using Einthoven.Evaluation.Databases;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Delineation;
using Einthoven.Signal.Analysis.Filters;
using Einthoven.Signal.Analysis.Measurements;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Delineation;

/// <summary>Delineation scored against LUDB's experts: wave detection, fiducial-point errors and interval errors.</summary>
public sealed record LudbDelineationResult(
    GlobalRule Reference,
    int Records,
    IReadOnlyList<WaveDetection> Detection,
    IReadOnlyList<ErrorSummary> Fiducials,
    IReadOnlyList<ErrorSummary> BeatIntervals,
    IReadOnlyList<ErrorSummary> RecordIntervals);

/// <summary>
/// Scores Einthoven's global (multi-lead) delineation on LUDB. The experts' per-lead waves are merged into global waves
/// (<see cref="Ludb.Global"/>: earliest onset, latest offset over the leads, as IEC 60601-2-25 defines them). Every beat
/// the analysis finds (<see cref="RecordAnalyzer"/>'s R peaks) is delineated on its own (<see cref="BeatDelineator"/>);
/// its waves are paired with the expert waves by <see cref="WaveMatching"/>. Detected waves count only inside the span
/// the experts annotated for that kind (the first and last beats of a record may be unannotated), or the annotated QRS
/// span for a kind the experts found none of (so a P wave "found" in atrial fibrillation is a false one).
/// Per beat, PR, QRS and QT of each paired beat are compared; per record, the median-beat intervals
/// (<see cref="RecordAnalyzer"/>) are compared with the median of the experts' beat intervals.
/// </summary>
public static class LudbDelineationEvaluation
{
    private static readonly WaveKind[] Kinds = [WaveKind.P, WaveKind.Qrs, WaveKind.T];
    private static readonly string[] Points = ["onset", "peak", "offset"];
    private static readonly string[] Intervals = ["PR", "QRS", "QT"];

    /// <param name="resampleTo">When set, each record and its annotations are first resampled to this rate (e.g. PTB-XL's
    /// 100 Hz), to see how the delineation holds at a coarser resolution.</param>
    public static IReadOnlyList<LudbDelineationResult> Run(string directory, Action<int, int>? progress = null, int? limit = null, double? resampleTo = null)
    {
        var names = DatabaseRecords.Read(directory);
        if (limit is { } n) names = names.Take(n).ToArray();
        var scores = new List<IReadOnlyList<RecordScore>>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var record = RecordFiles.Read(Path.Combine(directory, names[i] + ".hea"));
            scores.Add(Score(resampleTo is { } fs ? RecordResampling.Resample(record, fs) : record));
            progress?.Invoke(i + 1, names.Count);
        }
        return Enum.GetValues<GlobalRule>().Select(rule => Summarise(rule, scores.Select(s => s[(int)rule]).ToArray())).ToArray();
    }

    public static LudbDelineationResult Summarise(GlobalRule reference, IReadOnlyList<RecordScore> scores) => new(
        reference,
        scores.Count,
        Kinds.Select(k => new WaveDetection(Name(k), scores.Sum(s => s.Expert[(int)k]), scores.Sum(s => s.Detected[(int)k]), scores.Sum(s => s.Matched[(int)k]))).ToArray(),
        Kinds.SelectMany(k => Points.Select(p => $"{Name(k)} {p}")).Select(m => ErrorSummary.Of(m, Collect(scores, s => s.Fiducials, m))).ToArray(),
        Intervals.Select(m => ErrorSummary.Of(m, Collect(scores, s => s.BeatIntervals, m))).ToArray(),
        Intervals.Select(m => ErrorSummary.Of(m, Collect(scores, s => s.RecordIntervals, m))).ToArray());

    /// <summary>Delineates one LUDB record (read with its annotation sets) and scores it against its experts, once per
    /// <see cref="GlobalRule"/> (indexed by it).</summary>
    public static IReadOnlyList<RecordScore> Score(EcgRecord record)
    {
        var fs = record.Info.SamplingFrequency;
        var analysis = RecordAnalyzer.AnalyzeInDetail(record);
        var leads = Enumerable.Range(0, record.Info.Leads.Count).Select(l => EcgCleaning.Clean(record.Physical(l), fs)).ToArray();
        var beats = BeatDelineator.DelineateAll(leads, analysis.RPeaks, fs);
        return Enum.GetValues<GlobalRule>().Select(rule => Score(Ludb.GlobalWaves(record, rule), beats, analysis.Measurements.Intervals, fs)).ToArray();
    }

    private static RecordScore Score(IReadOnlyList<ExpertWave> expert, IReadOnlyList<BeatDelineation> beats, GlobalMeasurements? measured, double fs)
    {
        var ms = 1000 / fs;
        var score = new RecordScore();
        var tolerance = (int)Math.Round(WaveMatching.ToleranceSeconds * fs);
        var qrsSpan = Span(expert, WaveKind.Qrs, tolerance);
        var expertOfDetectedQrs = new Dictionary<int, int>();
        foreach (var kind in Kinds)
        {
            var reference = expert.Where(w => w.Kind == kind).Select(w => w.Wave).ToArray();
            var span = reference.Length > 0 ? Span(expert, kind, tolerance) : qrsSpan;
            var found = new List<(int Beat, Wave Wave)>();
            for (var b = 0; b < beats.Count; b++)
                if (WaveOf(beats[b], kind) is { } w && w.Peak >= span.From && w.Peak <= span.To) found.Add((b, w));
            var pairs = WaveMatching.Match(reference, found.Select(f => f.Wave).ToArray(), tolerance);
            score.Expert[(int)kind] = reference.Length;
            score.Detected[(int)kind] = found.Count;
            score.Matched[(int)kind] = pairs.Count;
            foreach (var (e, d) in pairs)
            {
                var (r, f) = (reference[e], found[d].Wave);
                score.Add(score.Fiducials, $"{Name(kind)} onset", (f.Onset - r.Onset) * ms);
                score.Add(score.Fiducials, $"{Name(kind)} peak", (f.Peak - r.Peak) * ms);
                score.Add(score.Fiducials, $"{Name(kind)} offset", (f.Offset - r.Offset) * ms);
                if (kind == WaveKind.Qrs) expertOfDetectedQrs[found[d].Beat] = e;
            }
        }
        var expertBeats = ExpertBeats(expert);
        var expertIntervals = expertBeats.Select(b => BeatIntervalsMs(b, ms)).ToArray();
        foreach (var (beat, e) in expertOfDetectedQrs)
        {
            var detected = BeatIntervalsMs(beats[beat], ms);
            for (var i = 0; i < Intervals.Length; i++)
                if (detected[i] is { } d && expertIntervals[e][i] is { } x) score.Add(score.BeatIntervals, Intervals[i], d - x);
        }
        if (measured is { } m)
        {
            double?[] record = [m.PrMs, m.QrsMs, m.QtMs];
            for (var i = 0; i < Intervals.Length; i++)
            {
                var values = expertIntervals.Select(x => x[i]).OfType<double>().Order().ToArray();
                if (record[i] is { } d && values.Length > 0) score.Add(score.RecordIntervals, Intervals[i], d - values[values.Length / 2]);
            }
        }
        return score;
    }

    /// <summary>Each expert QRS with the P wave before it and the T wave after it (inside its neighbours' QRS peaks).</summary>
    private static BeatDelineation[] ExpertBeats(IReadOnlyList<ExpertWave> expert)
    {
        var qrs = expert.Where(w => w.Kind == WaveKind.Qrs).Select(w => w.Wave).ToArray();
        return qrs.Select((q, k) =>
        {
            var previous = k > 0 ? qrs[k - 1].Peak : int.MinValue;
            var next = k + 1 < qrs.Length ? qrs[k + 1].Peak : int.MaxValue;
            Wave? p = expert.Where(w => w.Kind == WaveKind.P && w.Wave.Peak > previous && w.Wave.Peak < q.Peak).Select(w => w.Wave).LastOrDefault();
            Wave? t = expert.Where(w => w.Kind == WaveKind.T && w.Wave.Peak > q.Peak && w.Wave.Peak < next).Select(w => w.Wave).FirstOrDefault();
            return new BeatDelineation(q.Peak, q, p == default(Wave) ? null : p, t == default(Wave) ? null : t);
        }).ToArray();
    }

    private static double?[] BeatIntervalsMs(BeatDelineation b, double ms) =>
    [
        b.P is { } p ? (b.Qrs.Onset - p.Onset) * ms : null,
        b.Qrs.Length * ms,
        b.T is { } t ? (t.Offset - b.Qrs.Onset) * ms : null,
    ];

    private static (int From, int To) Span(IReadOnlyList<ExpertWave> expert, WaveKind kind, int tolerance)
    {
        var waves = expert.Where(w => w.Kind == kind).ToArray();
        return waves.Length == 0 ? (0, -1) : (waves.Min(w => w.Wave.Onset) - tolerance, waves.Max(w => w.Wave.Offset) + tolerance);
    }

    private static Wave? WaveOf(BeatDelineation beat, WaveKind kind) => kind switch
    {
        WaveKind.P => beat.P,
        WaveKind.Qrs => beat.Qrs,
        _ => beat.T,
    };

    private static string Name(WaveKind kind) => kind == WaveKind.Qrs ? "QRS" : kind.ToString();

    private static List<double> Collect(IEnumerable<RecordScore> scores, Func<RecordScore, Dictionary<string, List<double>>> table, string measure) =>
        scores.SelectMany(s => table(s).TryGetValue(measure, out var v) ? v : []).ToList();
}

/// <summary>One record's counts (indexed by <see cref="WaveKind"/>) and signed errors in ms by measure.</summary>
public sealed class RecordScore
{
    public int[] Expert { get; } = new int[3];
    public int[] Detected { get; } = new int[3];
    public int[] Matched { get; } = new int[3];
    public Dictionary<string, List<double>> Fiducials { get; } = [];
    public Dictionary<string, List<double>> BeatIntervals { get; } = [];
    public Dictionary<string, List<double>> RecordIntervals { get; } = [];

    internal void Add(Dictionary<string, List<double>> table, string measure, double errorMs)
    {
        if (!table.TryGetValue(measure, out var list)) table[measure] = list = [];
        list.Add(errorMs);
    }
}
