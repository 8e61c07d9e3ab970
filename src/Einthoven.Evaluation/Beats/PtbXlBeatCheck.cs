using Einthoven.Evaluation.Databases;
using Einthoven.Models.Beats;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Beats;

/// <summary>How often one group of PTB-XL records got what its statements say it should (see <see cref="PtbXlBeatCheck"/>).</summary>
public sealed record PtbXlBeatGroup(string Name, string Expectation, int Records, int Met, long Beats, long SBeats, long VBeats)
{
    public double MetFraction => Records == 0 ? double.NaN : (double)Met / Records;
}

/// <summary>
/// A record-level check of the beat classifier on PTB-XL (folds 1-9, 10-s 12-lead ECGs at 100 Hz, patients unseen by
/// the MIT-BIH-trained model). PTB-XL has no beat labels, but its statements say what a record must or must not hold:
/// a record with the PAC statement holds at least one S beat and one with PVC at least one V beat; a sinus-rhythm
/// record with no ectopy or arrhythmia statement holds neither, and atrial fibrillation holds no S beats (AAMI counts
/// its beats as N). Paced records are left out. It measures what MIT-BIH cannot: short records, other devices and
/// leads, and many more patients.
/// </summary>
public static class PtbXlBeatCheck
{
    /// <summary>Statements of ectopic beats or of a rhythm other than plain sinus rhythm.</summary>
    private static readonly string[] NotPlainSinus =
        ["PAC", "PVC", "AFIB", "AFLT", "SVTAC", "PSVT", "BIGU", "TRIGU", "SVARR", "SARRH", "STACH", "SBRAD", "PACE"];

    /// <summary>Sinus rhythm with no statement of ectopic beats or of another rhythm.</summary>
    public static bool PlainSinus(PtbXlEntry e) => e.ScpCodes.ContainsKey("SR") && !NotPlainSinus.Any(e.ScpCodes.ContainsKey);

    /// <param name="folds">The strat_folds to check (default all present, 1-9).</param>
    /// <param name="classify">Detects and classifies a record's beats (see <see cref="BeatEvaluation.Evaluate"/>).</param>
    public static IReadOnlyList<PtbXlBeatGroup> Run(Func<EcgRecord, IReadOnlyList<ClassifiedBeat>> classify, string directory, int threads = 0, Action<int, int>? progress = null,
        IReadOnlySet<int>? folds = null)
    {
        var entries = PtbXlIndex.Load(directory).Where(e => !e.Pacemaker && (folds is null || folds.Contains(e.StratFold))).ToList();
        var counts = new (int S, int V, int Beats)[entries.Count];
        var done = 0;
        Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount }, i =>
        {
            var beats = classify(RecordFiles.Read(entries[i].HeaderPath));
            counts[i] = (beats.Count(b => b.Class == AamiClass.S), beats.Count(b => b.Class == AamiClass.V), beats.Count);
            progress?.Invoke(Interlocked.Increment(ref done), entries.Count);
        });
        PtbXlBeatGroup Group(string name, string expectation, Func<PtbXlEntry, bool> member, Func<(int S, int V, int Beats), bool> met)
        {
            var chosen = Enumerable.Range(0, entries.Count).Where(i => member(entries[i])).ToList();
            return new PtbXlBeatGroup(name, expectation, chosen.Count, chosen.Count(i => met(counts[i])),
                chosen.Sum(i => (long)counts[i].Beats), chosen.Sum(i => (long)counts[i].S), chosen.Sum(i => (long)counts[i].V));
        }
        bool Has(PtbXlEntry e, string code) => e.ScpCodes.ContainsKey(code);
        return
        [
            Group("PAC", "at least one S beat", e => Has(e, "PAC"), c => c.S > 0),
            Group("PVC", "at least one V beat", e => Has(e, "PVC"), c => c.V > 0),
            Group("sinus rhythm, no ectopy", "no S beat", PlainSinus, c => c.S == 0),
            Group("sinus rhythm, no ectopy", "no V beat", PlainSinus, c => c.V == 0),
            Group("NORM, sinus rhythm, no ectopy", "no S or V beat", e => PlainSinus(e) && Has(e, "NORM"), c => c.S == 0 && c.V == 0),
            Group("atrial fibrillation", "no S beat", e => Has(e, "AFIB"), c => c.S == 0),
        ];
    }
}
