using Einthoven.Evaluation.Databases;
using Einthoven.Models.Pacemaker;
using Einthoven.Signal.Formats;

namespace Einthoven.Training.Pacemaker;

/// <summary>One row the pacemaker model learns from or is checked on: the PTB-XL record, its variant (0 = the record as it is), features and truth.</summary>
public sealed record PacemakerSample(int EcgId, int StratFold, int Variant, bool Paced, double[] Features);

/// <summary>
/// PTB-XL's records of strat_folds 1-9 (fold 10 is never read) with the pacemaker column as truth, each record's
/// <see cref="PacemakerFeatures"/> computed once, and for the training folds (1-8) augmented variants
/// (<see cref="PacemakerAugmentation"/>): <see cref="PositiveVariants"/> of each paced record and
/// <see cref="NegativeVariants"/> of each unpaced one. Fold 9 keeps only the records as they are. MIT-BIH is never
/// read here: it is the out-of-domain test.
/// </summary>
public sealed record PacemakerDataset(IReadOnlyList<PacemakerSample> Samples)
{
    public const int ValidationFold = 9, PositiveVariants = 24, NegativeVariants = 1, Seed = 26;

    public IEnumerable<PacemakerSample> Originals => Samples.Where(s => s.Variant == 0);

    /// <param name="limit">Only the first records by ecg_id (quick runs), or all when null.</param>
    /// <param name="progress">(done, total) after each record.</param>
    public static PacemakerDataset Load(string directory, int? limit = null, Action<int, int>? progress = null, int positiveVariants = PositiveVariants)
    {
        var entries = PtbXlIndex.Load(directory).Take(limit ?? int.MaxValue).ToList();
        var rows = new List<PacemakerSample>[entries.Count];
        var done = 0;
        Parallel.For(0, entries.Count, i =>
        {
            var e = entries[i];
            var record = RecordFiles.Read(e.HeaderPath);
            var list = new List<PacemakerSample> { new(e.EcgId, e.StratFold, 0, e.Pacemaker, PacemakerFeatures.Compute(record)) };
            var variants = e.StratFold == ValidationFold ? 0 : e.Pacemaker ? positiveVariants : NegativeVariants;
            for (var k = 1; k <= variants; k++)
                list.Add(new PacemakerSample(e.EcgId, e.StratFold, k, e.Pacemaker, PacemakerFeatures.Compute(PacemakerAugmentation.Apply(record, k, Seed))));
            rows[i] = list;
            progress?.Invoke(Interlocked.Increment(ref done), entries.Count);
        });
        return new PacemakerDataset(rows.SelectMany(r => r).ToList());
    }
}
