using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Verification;

/// <summary>An edit the set cannot take: the field (e.g. "operations[2].samples") and what is wrong with it.</summary>
public sealed class BeatEditException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// A physician beat set in memory, and the edits a cardiologist makes to it. Each beat is an annotation whose Code is
/// the MIT code of its AAMI class, Subtype 1 once reviewed, and Number the MIT code of the AI's class it started from
/// (0 for a beat the cardiologist added); beats stay sorted by sample, at least <see cref="MinimumGapSeconds"/> apart.
/// </summary>
public sealed class BeatEdits(List<Annotation> beats, double samplingFrequency, long sampleCount)
{
    public const int MaxOperations = 200;
    public const int MaxSamplesPerOperation = 5_000;
    /// <summary>Beats of one set closer than this are one beat (EC57's match window, which disagreements use too).</summary>
    public const double MinimumGapSeconds = 0.150;
    public const int Reviewed = 1;

    public List<Annotation> Beats { get; } = beats;

    /// <summary>The AI's beats as the starting physician set: every beat with an AAMI class, not yet reviewed.</summary>
    public static List<Annotation> FromAi(IEnumerable<Annotation> ai) =>
        ai.Where(a => a.IsBeat).Select(a => (Beat: a, Class: AamiMapping.FromAnnotation(a)))
            .Where(p => p.Class is not null)
            .Select(p => new Annotation(p.Beat.Sample, AamiMapping.Code(p.Class!.Value), 0, p.Beat.Channel, AamiMapping.Code(p.Class!.Value)))
            .OrderBy(a => a.Sample).ToList();

    public int ReviewedCount => Beats.Count(b => b.Subtype == Reviewed);

    public static string Label(int code) => AnnotationCodes.Symbol(code);

    public static string? AiLabel(Annotation beat) => beat.Number == 0 ? null : Label(beat.Number);

    /// <summary>Applies the operations in order; returns how many beats they changed. Throws on the first it refuses.</summary>
    public int Apply(IReadOnlyList<EditOperation> operations)
    {
        var changed = 0;
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            var at = $"operations[{i}]";
            changed += op.Op switch
            {
                "confirm" => Update(Select(op, at), b => b with { Subtype = Reviewed }),
                "relabel" => Relabel(op, at),
                "delete" => Delete(Select(op, at)),
                "add" => Add(op, at),
                _ => throw new BeatEditException($"{at}.op", $"op must be confirm, relabel, add or delete, not '{op.Op}'"),
            };
        }
        return changed;
    }

    /// <summary>Marks every beat not yet reviewed as reviewed with its label as it stands.</summary>
    public int ConfirmAll() => Update(Enumerable.Range(0, Beats.Count).Where(i => Beats[i].Subtype != Reviewed).ToList(), b => b with { Subtype = Reviewed });

    private int Relabel(EditOperation op, string at)
    {
        var code = CodeOf(op.Label, $"{at}.label");
        return Update(Select(op, at), b => b with { Code = code, Subtype = Reviewed });
    }

    private int Update(List<int> indices, Func<Annotation, Annotation> change)
    {
        foreach (var i in indices) Beats[i] = change(Beats[i]);
        return indices.Count;
    }

    private int Delete(List<int> indices)
    {
        foreach (var i in indices.OrderDescending()) Beats.RemoveAt(i);
        return indices.Count;
    }

    private int Add(EditOperation op, string at)
    {
        if (op.Samples is not null || op.From is not null || op.To is not null || op.Cluster is not null)
            throw new BeatEditException(at, "add takes sample and label only");
        if (op.Sample is not { } sample || sample < 0 || sample >= sampleCount)
            throw new BeatEditException($"{at}.sample", $"sample must be 0-{sampleCount - 1}");
        var code = CodeOf(op.Label, $"{at}.label");
        var gap = BeatMatching.Window(samplingFrequency, MinimumGapSeconds);
        var index = IndexOf(sample);
        var position = index >= 0 ? index : ~index;
        foreach (var near in new[] { position - 1, position })
            if (near >= 0 && near < Beats.Count && Math.Abs(Beats[near].Sample - sample) <= gap)
                throw new BeatEditException($"{at}.sample", $"a beat already lies within {MinimumGapSeconds * 1000:0} ms of sample {sample} (at sample {Beats[near].Sample})");
        Beats.Insert(position, new Annotation(sample, code, Reviewed));
        return 1;
    }

    /// <summary>The indices of the beats an operation selects, ascending.</summary>
    private List<int> Select(EditOperation op, string at)
    {
        var ways = (op.Samples is null ? 0 : 1) + (op.From is null && op.To is null ? 0 : 1) + (op.Cluster is null ? 0 : 1);
        if (ways != 1 || op.Sample is not null)
            throw new BeatEditException(at, $"{op.Op} selects beats by exactly one of: samples, from and to (seconds), cluster");
        if (op.Samples is { } samples)
        {
            if (samples.Count is 0 or > MaxSamplesPerOperation) throw new BeatEditException($"{at}.samples", $"give 1-{MaxSamplesPerOperation} samples");
            var found = new SortedSet<int>();
            foreach (var s in samples)
            {
                var i = IndexOf(s);
                if (i < 0) throw new BeatEditException($"{at}.samples", $"no beat at sample {s}");
                found.Add(i);
            }
            return found.ToList();
        }
        if (op.Cluster is { } cluster)
        {
            var ai = CodeOf(cluster, $"{at}.cluster");
            return Enumerable.Range(0, Beats.Count).Where(i => Beats[i].Number == ai).ToList();
        }
        if (op.From is not { } from || op.To is not { } to || !double.IsFinite(from) || !double.IsFinite(to) || from < 0 || to < from)
            throw new BeatEditException($"{at}.from", "a time range needs from and to in seconds, 0 <= from <= to");
        return Enumerable.Range(0, Beats.Count).Where(i => Beats[i].Sample / samplingFrequency >= from && Beats[i].Sample / samplingFrequency <= to).ToList();
    }

    private static int CodeOf(string? label, string field) =>
        label is "N" or "S" or "V" or "F" or "Q" ? AamiMapping.Code(AamiMapping.Parse(label))
            : throw new BeatEditException(field, $"the label must be an AAMI class: N, S, V, F or Q, not '{label}'");

    private int IndexOf(long sample)
    {
        int lo = 0, hi = Beats.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (Beats[mid].Sample == sample) return mid;
            if (Beats[mid].Sample < sample) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }
}
