using System.Diagnostics;
using Einthoven.Evaluation.Beats;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.Models.Verified;
using Einthoven.Training.Beats;

namespace Einthoven.Training.Retraining;

/// <summary>A retraining run's report, the challenger's card and where it was saved, and the holdout record by record.</summary>
public sealed record BeatRetrainingResult(RetrainingReport Report, ModelCard Card, string CardPath, IReadOnlyList<HoldoutRecordScore> Holdout);

/// <summary>
/// Retraining on verified beats (SPEC C7): trains a challenger on the standard MIT-BIH records merged with the verified
/// dataset's non-holdout records (physician labels as the reference, as MIT-BIH's .atr are), scores it and the champion
/// on the fixed patient-wise holdout (MIT-BIH holdout records and the dataset's holdout records, never trained on),
/// and decides on the pre-registered metric (<see cref="HoldoutMetric"/>) whether the challenger wins by more than the
/// margin. The challenger is saved with its card either way; whether to promote it is the caller's. Deterministic
/// for a seed.
/// </summary>
public static class BeatRetraining
{
    /// <param name="progress">Called with a stage ("load", "train", "evaluate") and the fraction of it done.</param>
    public static BeatRetrainingResult Run(BeatRetrainingOptions options, Action<string, double>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        var watch = Stopwatch.StartNew();
        var dataset = VerifiedDataset.Load(options.VerifiedDataset);
        var champion = BeatClassifier.Load(options.ChampionCard);
        var verifiedEntries = dataset.Records.Where(r => !r.Holdout).ToList();
        var holdoutEntries = dataset.Records.Where(r => r.Holdout).ToList();
        var holdoutCount = options.HoldoutRecords.Count + holdoutEntries.Count;
        if (holdoutCount == 0) throw new ArgumentException("the holdout is empty: give MIT-BIH holdout records, or a dataset with holdout records");
        var toLoad = options.StandardRecords.Count + verifiedEntries.Count;
        if (toLoad == 0) throw new ArgumentException("nothing to train on: no standard records and no verified records outside the holdout");

        var threads = options.Training.Threads;
        var loaded = 0;
        void Loaded(string _) => progress?.Invoke("load", (double)Interlocked.Increment(ref loaded) / toLoad);
        var standard = options.StandardRecords.Count == 0 ? [] : LabelledRecord.LoadMitBih(options.StandardDatabase, options.StandardRecords, threads, Loaded);
        var verified = LoadVerified(dataset, verifiedEntries, threads, Loaded);
        var trained = BeatTrainer.Train([.. standard, .. verified], options.Training, p => progress?.Invoke("train", p.Fraction), cancellation);
        cancellation.ThrowIfCancellationRequested();

        var evaluated = 0;
        var scores = HoldoutComparison.Score(champion, new BeatClassifier(trained.Model), options.StandardDatabase, options.HoldoutRecords,
            dataset, holdoutEntries, threads, _ => progress?.Invoke("evaluate", (double)Interlocked.Increment(ref evaluated) / holdoutCount));
        var championTotal = Pool(scores.Select(s => s.Champion));
        var challengerTotal = Pool(scores.Select(s => s.Challenger));
        var interval = PairedBootstrap.Difference(scores.Select(s => s.Champion).ToList(), scores.Select(s => s.Challenger).ToList(),
            HoldoutMetric.Of, options.BootstrapReplicates, options.Training.Seed);
        var difference = HoldoutMetric.Of(challengerTotal) - HoldoutMetric.Of(championTotal);
        var required = options.Margin.Required(interval);
        var promote = difference > required;
        var reason = options.Margin.Reason(difference, required, promote);

        var weightsPath = BeatModelBuilder.SaveWeights(trained.Model, options.OutputDirectory);
        var card = RetrainingCard.Describe(options, dataset, weightsPath, trained, [.. standard, .. verified], scores, challengerTotal, champion, reason);
        var cardPath = Path.GetFullPath(Path.Combine(options.OutputDirectory, BeatClassifier.ShippedCardFile));
        card.Save(cardPath);

        var report = new RetrainingReport
        {
            Dataset = dataset.Id,
            Margin = options.Margin.Name,
            Holdout = new HoldoutSummary(scores.Select(s => s.Record).ToList(), AamiMapping.Classes.Sum(c => championTotal.Row(c) + championTotal.Missed(c))),
            Champion = Score(champion.Card!.WeightsSha256, championTotal, Path.GetFullPath(options.ChampionCard)),
            Challenger = Score(card.WeightsSha256, challengerTotal, cardPath),
            Difference = Round(difference),
            Ci95 = [Round(interval.Low), Round(interval.High)],
            Required = Round(required),
            Promote = promote,
            Reason = reason,
            TrainingSeconds = Math.Round(trained.Elapsed.TotalSeconds, 1),
            StandardBeats = standard.Sum(r => (long)r.Count),
            VerifiedBeats = verified.Sum(r => (long)r.Count),
            StandardRecords = options.StandardRecords,
            VerifiedRecords = verifiedEntries.Select(r => r.Name).ToList(),
            Bootstrap = options.BootstrapReplicates,
            Seed = options.Training.Seed,
            ElapsedSeconds = Math.Round(watch.Elapsed.TotalSeconds, 1),
        };
        return new BeatRetrainingResult(report, card, cardPath, scores);
    }

    /// <summary>The dataset's records labelled for training from their physician annotations, in parallel, in the order given.</summary>
    public static IReadOnlyList<LabelledRecord> LoadVerified(VerifiedDataset dataset, IReadOnlyList<VerifiedRecordEntry> records, int threads,
        Action<string>? recordLoaded = null)
    {
        var labelled = new LabelledRecord[records.Count];
        Parallel.For(0, records.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var (record, physician) = dataset.Read(records[i]);
            labelled[i] = LabelledRecord.Create(record, ReferenceBeats.Of(physician), records[i].Name);
            recordLoaded?.Invoke(records[i].Name);
        });
        return labelled;
    }

    internal static ConfusionMatrix Pool(IEnumerable<ConfusionMatrix> matrices)
    {
        var total = new ConfusionMatrix();
        foreach (var m in matrices) total.Add(m);
        return total;
    }

    private static ModelScore Score(string weightsSha256, ConfusionMatrix total, string card) =>
        new(weightsSha256, Round(HoldoutMetric.Of(total)), HoldoutMetric.Classes.ToDictionary(c => c.ToString(), c => Round(total.F1(c))), card);

    private static double Round(double x) => Math.Round(x, 6);
}
