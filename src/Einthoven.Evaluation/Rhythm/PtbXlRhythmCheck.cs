using Einthoven.Evaluation.Beats;
using Einthoven.Evaluation.Databases;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Formats;

namespace Einthoven.Evaluation.Rhythm;

/// <summary>How often the rhythm verdict was atrial fibrillation in one group of PTB-XL records.</summary>
public sealed record PtbXlRhythmGroup(string Name, int Records, int CalledAf)
{
    public double AfFraction => Records == 0 ? double.NaN : (double)CalledAf / Records;
}

/// <summary>
/// A record-level check of the rhythm verdict on PTB-XL (folds 1-9, 10-s 12-lead ECGs at 100 Hz, on lead II, as the
/// analysis reads them): the share of records called atrial fibrillation among those whose statements say
/// fibrillation or flutter (should be high) and among those with ectopic beats or plain sinus rhythm (should be low).
/// Ectopic beats are what the CinC-trained model most often mistakes for fibrillation, and in the analysis an AF call
/// also turns the record's S beats into N (<see cref="AfReconciliation"/>). Paced records are left out.
/// </summary>
public static class PtbXlRhythmCheck
{
    public static IReadOnlyList<PtbXlRhythmGroup> Run(RecordRhythm rhythm, string directory, Action<int, int>? progress = null, IReadOnlySet<int>? folds = null)
    {
        var entries = PtbXlIndex.Load(directory).Where(e => !e.Pacemaker && (folds is null || folds.Contains(e.StratFold))).ToList();
        var af = new bool[entries.Count];
        var done = 0;
        Parallel.For(0, entries.Count, i =>
        {
            var record = RecordFiles.Read(entries[i].HeaderPath);
            af[i] = rhythm.Classify(record).Label == RhythmVerdict.AtrialFibrillation;
            progress?.Invoke(Interlocked.Increment(ref done), entries.Count);
        });
        PtbXlRhythmGroup Group(string name, Func<PtbXlEntry, bool> member)
        {
            var chosen = Enumerable.Range(0, entries.Count).Where(i => member(entries[i])).ToList();
            return new PtbXlRhythmGroup(name, chosen.Count, chosen.Count(i => af[i]));
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
        ];
    }
}
