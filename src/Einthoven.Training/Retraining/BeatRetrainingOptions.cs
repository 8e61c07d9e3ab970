using Einthoven.Evaluation.Databases;
using Einthoven.Training.Beats;

namespace Einthoven.Training.Retraining;

/// <summary>
/// A retraining run: the standard set (MIT-BIH records, DS1 by default) and a verified dataset folder to train the
/// challenger on, the champion's card, the MIT-BIH holdout records (DS2 by default; the dataset's holdout records are
/// added), the training options, and the pre-registered margin and its bootstrap.
/// </summary>
public sealed record BeatRetrainingOptions
{
    public required string StandardDatabase { get; init; }
    public required string VerifiedDataset { get; init; }
    public required string ChampionCard { get; init; }
    public required string OutputDirectory { get; init; }
    public IReadOnlyList<string> StandardRecords { get; init; } = DeChazalSplit.Ds1;
    public IReadOnlyList<string> HoldoutRecords { get; init; } = DeChazalSplit.Ds2;
    public BeatTrainingOptions Training { get; init; } = new();
    public PromotionMargin Margin { get; init; } = PromotionMargin.Ci95;
    public int BootstrapReplicates { get; init; } = 1000;
    public DateOnly Date { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    internal void Validate()
    {
        Training.Validate();
        if (BootstrapReplicates is < 1 or > 1_000_000) throw new ArgumentException($"the bootstrap needs 1..1,000,000 replicates, not {BootstrapReplicates}");
        foreach (var (list, what) in new[] { (StandardRecords, "standard"), (HoldoutRecords, "holdout") })
            if (list.GroupBy(r => r).FirstOrDefault(g => g.Count() > 1) is { } twice) throw new ArgumentException($"record {twice.Key} is listed twice among the {what} records");
        if (Path.GetFullPath(OutputDirectory) == Path.GetDirectoryName(Path.GetFullPath(ChampionCard)))
            throw new ArgumentException($"the challenger would be written over the champion in {OutputDirectory}: give another output folder");
        if (StandardRecords.Intersect(HoldoutRecords).ToList() is { Count: > 0 } both)
            throw new ArgumentException($"record(s) {string.Join(", ", both)} are both standard (trained on) and holdout records; the holdout must never be trained on");
    }
}
