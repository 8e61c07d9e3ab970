using System.Globalization;
using Einthoven.Evaluation.Beats;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.Models.Verified;
using Einthoven.Training.Beats;

namespace Einthoven.Training.Retraining;

/// <summary>The challenger's model card: the beat model's card with what it was trained on (standard records, verified dataset) and its holdout results.</summary>
internal static class RetrainingCard
{
    public static ModelCard Describe(BeatRetrainingOptions options, VerifiedDataset dataset, string weightsPath, BeatTrainingResult trained,
        IReadOnlyList<LabelledRecord> trainingSet, IReadOnlyList<HoldoutRecordScore> holdout, ConfusionMatrix challenger, BeatClassifier champion, string decision)
    {
        var build = new BeatBuildOptions { Training = options.Training, TrainingRecords = options.StandardRecords, EvaluationRecords = [], CrossValidationFolds = 0, Date = options.Date };
        var verified = dataset.Records.Where(r => !r.Holdout).Select(r => r.Name).ToList();
        var holdoutNames = string.Join(" ", holdout.Select(h => h.Record));
        var data = $"MIT-BIH Arrhythmia Database 1.0.0 (PhysioNet; Moody and Mark 2001) records {Join(options.StandardRecords)} as the standard set, "
            + $"and verified dataset {dataset.Id} (physician labels, format {VerifiedDatasetFormat.Name}): records {Join(verified)}";
        var split = $"patient-wise holdout, never trained on: {holdoutNames}; no model selection (fixed options, no cross-validation)";
        var card = BeatModelBuilder.Describe(build, weightsPath, trained, null, null, TrainingDataFingerprint.Of(trainingSet), (data, split));
        BeatModelBuilder.AddMetrics(card.Metrics, "holdout", challenger);
        card.Metrics[$"holdout_{HoldoutMetric.Name}"] = Math.Round(HoldoutMetric.Of(challenger), 4);
        card.Details["verified_dataset"] = dataset.Id;
        card.Details["standard_records"] = Join(options.StandardRecords);
        card.Details["verified_records"] = Join(verified);
        card.Details["holdout_records"] = holdoutNames;
        card.Details["holdout_confusion"] = challenger.Format();
        card.Details["champion_weights_sha256"] = champion.Card?.WeightsSha256 ?? "";
        card.Details["promotion"] = $"metric {HoldoutMetric.Name}, margin {options.Margin.Name} ({options.BootstrapReplicates} bootstrap replicates over holdout records, seed {options.Training.Seed.ToString(CultureInfo.InvariantCulture)}): {decision}";
        return card;
    }

    private static string Join(IEnumerable<string> names) => names.Any() ? string.Join(" ", names) : "none";
}
