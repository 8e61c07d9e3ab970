using Einthoven.Evaluation.Beats;
using Einthoven.Evaluation.Databases;
using Einthoven.Models.Beats;
using Einthoven.Models.Verified;
using Einthoven.Signal.Records;

namespace Einthoven.Training.Retraining;

/// <summary>One holdout record's confusion matrices: of the champion and of the challenger.</summary>
public sealed record HoldoutRecordScore(string Record, ConfusionMatrix Champion, ConfusionMatrix Challenger);

/// <summary>
/// Scores champion and challenger on the holdout records with the SPEC's protocol (<see cref="BeatEvaluation"/>: the
/// beats the QRS detector finds, matched to the reference), MIT-BIH records against their .atr and verified records
/// against the physicians' labels. The beats are detected, and their network inputs extracted, once per record for both models.
/// </summary>
public static class HoldoutComparison
{
    public static IReadOnlyList<HoldoutRecordScore> Score(BeatClassifier champion, BeatClassifier challenger,
        string database, IReadOnlyList<string> mitBihRecords, VerifiedDataset dataset, IReadOnlyList<VerifiedRecordEntry> verifiedRecords,
        int threads, Action<string>? recordDone = null)
    {
        HoldoutRecordScore Compare(string name, EcgRecord record, IReadOnlyList<Annotation> reference)
        {
            var beats = BeatClassifier.DetectBeats(record);
            var features = beats.Length == 0 ? new BeatFeatures([], []) : BeatFeatureExtractor.Extract(record, beats);
            var score = new HoldoutRecordScore(name,
                BeatEvaluation.EvaluateRecord(r => champion.Classify(r.Info, beats, features), record, reference),
                BeatEvaluation.EvaluateRecord(r => challenger.Classify(r.Info, beats, features), record, reference));
            recordDone?.Invoke(name);
            return score;
        }

        var mitBih = mitBihRecords.Count == 0 ? []
            : MitBihBeats.ForEachRecord(database, mitBihRecords, threads, (record, annotations) => Compare(record.Info.Name, record, annotations));
        var verified = new HoldoutRecordScore[verifiedRecords.Count];
        Parallel.For(0, verified.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var (record, physician) = dataset.Read(verifiedRecords[i]);
            verified[i] = Compare(verifiedRecords[i].Name, record, physician);
        });
        return [.. mitBih, .. verified];
    }
}
