using System.Text.Json.Serialization;
using Einthoven.Signal.Analysis.Delineation;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Databases;

/// <summary>The three waves an expert delineates.</summary>
public enum WaveKind { P, Qrs, T }

/// <summary>
/// How one wave's per-lead expert marks become a global mark. IEC 60601-2-25 defines the global onset as the earliest in
/// any lead and the offset as the latest; with twelve independent annotations that takes the extreme of their scatter
/// (LUDB's global QRS would be 120 ms or more in most records), so the median over the leads is reported beside it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<GlobalRule>))]
public enum GlobalRule { MedianOfLeads, EarliestToLatest }

/// <summary>One expert-delineated wave in one lead (or, after <see cref="Ludb.Global"/>, over all leads).</summary>
public readonly record struct ExpertWave(WaveKind Kind, Wave Wave);

/// <summary>
/// The Lobachevsky University ECG Database (LUDB): records listed in RECORDS (<c>data/N</c>), 12 leads at 500 Hz, with
/// one annotation file per lead (annotator = lead name, <c>i</c> ... <c>v6</c>) holding each wave as the triplet
/// onset <c>(</c>, peak (<c>p</c>, <c>N</c> or <c>t</c>), offset <c>)</c>.
/// </summary>
public static class Ludb
{
    public const string InfoFile = "ludb.csv";

    public static readonly string[] LeadAnnotators = ["i", "ii", "iii", "avr", "avl", "avf", "v1", "v2", "v3", "v4", "v5", "v6"];

    /// <summary>A folder is LUDB when it has <c>ludb.csv</c> or its first listed record has per-lead annotation files.</summary>
    public static bool IsLudb(string directory)
    {
        if (File.Exists(Path.Combine(directory, InfoFile))) return true;
        if (!DatabaseRecords.Exists(directory)) return false;
        var first = DatabaseRecords.Read(directory).FirstOrDefault();
        return first is not null && LeadAnnotators.All(a => File.Exists(Path.Combine(directory, $"{first}.{a}")));
    }

    /// <summary>The waves of one lead's annotations: every complete onset-peak-offset triplet, in order.</summary>
    public static IReadOnlyList<ExpertWave> Waves(IReadOnlyList<Annotation> annotations)
    {
        var waves = new List<ExpertWave>();
        for (var i = 0; i + 2 < annotations.Count; i++)
        {
            if (annotations[i].Symbol != "(" || annotations[i + 2].Symbol != ")") continue;
            if (KindOf(annotations[i + 1].Symbol) is not { } kind) continue;
            waves.Add(new ExpertWave(kind, new Wave((int)annotations[i].Sample, (int)annotations[i + 1].Sample, (int)annotations[i + 2].Sample)));
            i += 2;
        }
        return waves;
    }

    /// <summary>
    /// Global (multi-lead) waves: the same wave in several leads (overlapping in time) becomes one wave whose onset and
    /// offset follow <paramref name="rule"/>; its peak is the median of the leads' peaks.
    /// </summary>
    public static IReadOnlyList<ExpertWave> Global(IEnumerable<IReadOnlyList<ExpertWave>> leads, GlobalRule rule)
    {
        var result = new List<ExpertWave>();
        foreach (var group in leads.SelectMany(l => l).GroupBy(w => w.Kind))
        {
            var sorted = group.OrderBy(w => w.Wave.Onset).ToList();
            var members = new List<Wave>();
            foreach (var w in sorted)
            {
                if (members.Count > 0 && w.Wave.Onset > members.Max(m => m.Offset))
                {
                    result.Add(Merge(group.Key, members, rule));
                    members.Clear();
                }
                members.Add(w.Wave);
            }
            if (members.Count > 0) result.Add(Merge(group.Key, members, rule));
        }
        return result.OrderBy(w => w.Wave.Onset).ToArray();
    }

    /// <summary>The global expert waves of a record read with its annotation sets.</summary>
    public static IReadOnlyList<ExpertWave> GlobalWaves(EcgRecord record, GlobalRule rule)
    {
        var missing = LeadAnnotators.Where(a => !record.Annotations.ContainsKey(a)).ToArray();
        if (missing.Length == LeadAnnotators.Length)
            throw new SignalFormatException(record.Info.Name, "annotations", "none of LUDB's per-lead annotation files (i ... v6) was found");
        return Global(LeadAnnotators.Where(record.Annotations.ContainsKey).Select(a => Waves(record.Annotations[a])), rule);
    }

    private static ExpertWave Merge(WaveKind kind, List<Wave> members, GlobalRule rule) => new(kind, rule == GlobalRule.EarliestToLatest
        ? new Wave(members.Min(m => m.Onset), Median(members.Select(m => m.Peak)), members.Max(m => m.Offset))
        : new Wave(Median(members.Select(m => m.Onset)), Median(members.Select(m => m.Peak)), Median(members.Select(m => m.Offset))));

    /// <summary>The lower median, so a mark is always one an expert made.</summary>
    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[(sorted.Length - 1) / 2];
    }

    private static WaveKind? KindOf(string symbol) => symbol switch
    {
        "p" => WaveKind.P,
        "N" => WaveKind.Qrs,
        "t" => WaveKind.T,
        _ => null,
    };
}
