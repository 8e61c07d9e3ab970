using Einthoven.Evaluation.Beats;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Beats;

/// <summary>
/// Record-wise cross-validation: the pooled confusion matrix of the held-out predictions taken as they are
/// (<see cref="Pooled"/>) and with a decision rule fitted on the other folds' held-out predictions
/// (<see cref="PooledWithRule"/>, an honest estimate of the whole procedure), the rule for the final model and the
/// folds used. The final model's rule is the one fitted on all held-out predictions if fitting a rule improved the
/// held-out <see cref="BeatDecisionRule.Objective"/> (PooledWithRule over Pooled), else no rule.
/// </summary>
/// <param name="Records">Each record's held-out matrix (most probable class), in fold order.</param>
/// <param name="HeldOut">Each record's held-out beats and class probabilities, in the same order.</param>
public sealed record CrossValidationResult(ConfusionMatrix Pooled, ConfusionMatrix PooledWithRule, BeatDecisionRule Decision,
    IReadOnlyList<IReadOnlyList<string>> Folds, IReadOnlyList<(string Record, ConfusionMatrix Matrix)> Records, IReadOnlyList<HeldOutRecord> HeldOut);

/// <summary>One record's held-out predictions: its labelled beats and their class probabilities (flat [Count, 5]).</summary>
public sealed record HeldOutRecord(LabelledRecord Record, float[] Probabilities);

/// <summary>
/// Record-wise (patient-wise) k-fold cross-validation: each fold's records are held out, a model is trained on the
/// rest and gives its class probabilities for them, and the held-out predictions of all folds are pooled. Records are dealt to folds in a
/// snake order by their count of S, then V beats, so every fold gets some of the rare classes.
/// </summary>
public static class BeatCrossValidation
{
    public static CrossValidationResult Run(IReadOnlyList<LabelledRecord> records, int folds, BeatTrainingOptions options,
        Action<int, BeatTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var assignment = AssignFolds(records, folds);
        var probabilities = new float[folds][];
        var labels = new AamiClass[folds][];
        var perRecord = new List<(string, ConfusionMatrix)>();
        var heldOut = new List<HeldOutRecord>();
        for (var f = 0; f < folds; f++)
        {
            var held = records.Where((_, i) => assignment[i] == f).ToList();
            var train = records.Where((_, i) => assignment[i] != f).ToList();
            var fold = f;
            var model = BeatTrainer.Train(train, options, progress is null ? null : p => progress(fold, p), cancellation).Model;
            probabilities[f] = model.Probabilities(BeatFeatures.Concat(held.Select(r => r.Features).ToList()));
            labels[f] = held.SelectMany(r => r.Labels).ToArray();
            var offset = 0;
            foreach (var record in held)
            {
                var span = probabilities[f].AsSpan(offset * AamiMapping.ClassCount, record.Count * AamiMapping.ClassCount);
                perRecord.Add((record.Group, BeatDecisionRule.Identity.Confusion(span, record.Labels)));
                heldOut.Add(new HeldOutRecord(record, span.ToArray()));
                offset += record.Count;
            }
        }
        var pooled = BeatDecisionRule.Identity.Confusion(probabilities.SelectMany(p => p).ToArray(), labels.SelectMany(l => l).ToArray());
        var withRule = new ConfusionMatrix();
        for (var f = 0; f < folds; f++)
        {
            var others = Enumerable.Range(0, folds).Where(g => g != f).ToList();
            var rule = BeatDecisionRuleFitting.Fit(others.SelectMany(g => probabilities[g]).ToArray(), others.SelectMany(g => labels[g]).ToArray());
            withRule.Add(rule.Confusion(probabilities[f], labels[f]));
        }
        var decision = BeatDecisionRuleFitting.Objective(withRule) > BeatDecisionRuleFitting.Objective(pooled)
            ? BeatDecisionRuleFitting.Fit(probabilities.SelectMany(p => p).ToArray(), labels.SelectMany(l => l).ToArray())
            : BeatDecisionRule.Identity;
        var names = Enumerable.Range(0, folds)
            .Select(f => (IReadOnlyList<string>)records.Where((_, i) => assignment[i] == f).Select(r => r.Group).ToList()).ToList();
        return new CrossValidationResult(pooled, withRule, decision, names, perRecord, heldOut);
    }

    /// <summary>Fold index of each record.</summary>
    public static int[] AssignFolds(IReadOnlyList<LabelledRecord> records, int folds)
    {
        if (folds < 2 || folds > records.Count) throw new ArgumentOutOfRangeException(nameof(folds), folds, $"need 2..{records.Count} folds");
        var order = Enumerable.Range(0, records.Count)
            .OrderByDescending(i => records[i].Labels.Count(l => l == AamiClass.S))
            .ThenByDescending(i => records[i].Labels.Count(l => l == AamiClass.V))
            .ThenBy(i => records[i].Group, StringComparer.Ordinal).ToList();
        var assignment = new int[records.Count];
        for (var k = 0; k < order.Count; k++)
        {
            var round = k / folds;
            var position = k % folds;
            assignment[order[k]] = round % 2 == 0 ? position : folds - 1 - position;
        }
        return assignment;
    }

    /// <summary>The confusion matrix of a model on one labelled record's beats.</summary>
    public static ConfusionMatrix Score(BeatEnsemble model, LabelledRecord record)
    {
        var matrix = new ConfusionMatrix();
        var probabilities = model.Probabilities(record.Features);
        for (var b = 0; b < record.Count; b++)
            matrix.Add(record.Labels[b], BeatClassifier.MostProbable(probabilities.AsSpan(b * AamiMapping.ClassCount, AamiMapping.ClassCount)));
        return matrix;
    }
}
