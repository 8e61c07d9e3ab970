using Einthoven.Evaluation.Beats;
using Einthoven.Evaluation.Databases;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Formats;

namespace Einthoven.Evaluation.Rhythm;

/// <summary>The rhythm verdicts of one group of PTB-XL records: how many got each label (N, A, O, ~).</summary>
public sealed record PtbXlRhythmGroup(string Name, IReadOnlyDictionary<string, int> ByLabel)
{
    public int Records => ByLabel.Values.Sum();
    public int CalledAf => Called(RhythmVerdict.AtrialFibrillation);
    public int Called(string label) => ByLabel.GetValueOrDefault(label);
    public double AfFraction => Fraction(RhythmVerdict.AtrialFibrillation);
    public double Fraction(string label) => Records == 0 ? double.NaN : (double)Called(label) / Records;
}

/// <summary>
/// A record-level check of the rhythm verdict on PTB-XL (folds 1-9, 10-s 12-lead ECGs at 100 Hz, as the analysis reads
/// them) against the records' rhythm statements: the share of records called atrial fibrillation among those whose
/// statements say fibrillation or flutter (should be high) and among those with ectopic beats or plain sinus rhythm
/// (should be low), and the share of sinus rhythms (SR, STACH, SBRAD, SARRH) called normal rhythm.
/// Ectopic beats are what the CinC-trained model most often mistakes for fibrillation, and in the analysis an AF call
/// also turns the record's S beats into N (<see cref="AfReconciliation"/>). Paced records are left out.
/// </summary>
public static class PtbXlRhythmCheck
{
    /// <summary>PTB-XL's statements of a sinus rhythm, which the verdict should call normal rhythm (N).</summary>
    public static readonly IReadOnlyList<string> SinusRhythms = ["SR", "STACH", "SBRAD", "SARRH"];

    public static IReadOnlyList<PtbXlRhythmGroup> Run(RecordRhythm rhythm, string directory, Action<int, int>? progress = null, IReadOnlySet<int>? folds = null)
    {
        var entries = Entries(directory, folds);
        var labels = new string[entries.Count];
        var done = 0;
        Parallel.For(0, entries.Count, i =>
        {
            var record = RecordFiles.Read(entries[i].HeaderPath);
            labels[i] = rhythm.Classify(record).Label;
            progress?.Invoke(Interlocked.Increment(ref done), entries.Count);
        });
        return Groups(entries, labels);
    }

    /// <summary>The records the check reads: every unpaced record of the folds (default all present, 1-9).</summary>
    public static IReadOnlyList<PtbXlEntry> Entries(string directory, IReadOnlySet<int>? folds = null) =>
        PtbXlIndex.Load(directory).Where(e => !e.Pacemaker && (folds is null || folds.Contains(e.StratFold))).ToList();

    /// <summary>The groups of the check from each record's verdict (<paramref name="labels"/>[i] for <paramref name="entries"/>[i]).</summary>
    public static IReadOnlyList<PtbXlRhythmGroup> Groups(IReadOnlyList<PtbXlEntry> entries, IReadOnlyList<string> labels)
    {
        if (labels.Count != entries.Count) throw new ArgumentException($"{labels.Count} labels for {entries.Count} records", nameof(labels));
        PtbXlRhythmGroup Group(string name, Func<PtbXlEntry, bool> member)
        {
            var chosen = Enumerable.Range(0, entries.Count).Where(i => member(entries[i])).ToList();
            return new PtbXlRhythmGroup(name, chosen.GroupBy(i => labels[i]).ToDictionary(g => g.Key, g => g.Count()));
        }
        bool Has(PtbXlEntry e, string code) => e.ScpCodes.ContainsKey(code);
        bool Atrial(PtbXlEntry e) => Has(e, "AFIB") || Has(e, "AFLT");
        return
        [
            Group("AFIB", e => Has(e, "AFIB")),
            Group("AFLT", e => Has(e, "AFLT")),
            Group("PAC, no AFIB or AFLT", e => Has(e, "PAC") && !Atrial(e)),
            Group("PVC, no AFIB or AFLT", e => Has(e, "PVC") && !Atrial(e)),
            Group("sinus rhythm, no ectopy", PtbXlBeatCheck.PlainSinus),
            .. SinusRhythms.Select(code => Group($"{code}, no AFIB or AFLT", e => Has(e, code) && !Atrial(e))),
        ];
    }
}
