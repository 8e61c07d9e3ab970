using Einthoven.Evaluation.Beats;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Beats;

/// <summary>
/// Record-wise cross-validation: the pooled confusion matrix of the held-out predictions taken as they are
/// (<see cref="Pooled"/>) and with a decision rule fitted on the other folds' held-out predictions
/// (<see cref="PooledWithRule"/>, an honest estimate of the whole procedure), the rule for the final model and the
/// folds used. The final model's rule is the one fitted on all held-out predictions if fitting a rule improved the
/// held-out <see cref="BeatDecisionRule.Objective"/> (PooledWithRule over Pooled), else no rule. Both matrices count
/// the records at their own rate only; the resampled copies of held-out records are scored by <see cref="PooledAt"/>.
/// </summary>
/// <param name="Records">Each record's held-out matrix (most probable class), in fold order, by <see cref="LabelledRecord.Key"/>.</param>
/// <param name="HeldOut">Each record's held-out beats and class probabilities, in the same order.</param>
public sealed record CrossValidationResult(ConfusionMatrix Pooled, ConfusionMatrix PooledWithRule, BeatDecisionRule Decision,
    IReadOnlyList<IReadOnlyList<string>> Folds, IReadOnlyList<(string Record, ConfusionMatrix Matrix)> Records, IReadOnlyList<HeldOutRecord> HeldOut)
{
    /// <summary>
    /// The premature-beat rule for the final model: fitted on all held-out predictions (after the chosen class
    /// scales) if fitting it on the other folds improved the held-out objective, else off.
    /// </summary>
    public PrematureBeatRule Premature { get; init; } = PrematureBeatRule.Off;

    /// <summary>
    /// The pooled held-out matrix at the records' own rate as the final model decides: each fold with the class scales
    /// and the premature-beat rule (those chosen) fitted on the other folds; null when not computed.
    /// </summary>
    public ConfusionMatrix? Decided { get; init; }

    /// <summary>The rates of the resampled copies held out (empty when none were).</summary>
    public IReadOnlyList<double> ResampledRates => HeldOut.Where(h => h.Record.Resampled).Select(h => h.Record.SamplingFrequency).Distinct().Order().ToList();

    /// <summary>The pooled held-out matrix of the copies resampled to <paramref name="rate"/>, as the final model decides (<see cref="HeldOutRecord.AsDecided"/>).</summary>
    public ConfusionMatrix PooledAt(double rate)
    {
        var matrix = new ConfusionMatrix();
        foreach (var h in HeldOut.Where(h => h.Record.Resampled && h.Record.SamplingFrequency == rate))
            matrix.Add(BeatDecisionRule.Identity.Confusion(h.AsDecided, h.Record.Labels));
        return matrix;
    }
}

/// <summary>
/// One record's held-out predictions: its labelled beats and their class probabilities (flat [Count, 5]), and the
/// same as the final model decides them (<paramref name="Decided"/>: class scales and premature-beat rule fitted on
/// the other folds, when chosen).
/// </summary>
public sealed record HeldOutRecord(LabelledRecord Record, float[] Probabilities, float[]? Decided = null)
{
    public float[] AsDecided => Decided ?? Probabilities;
}

/// <summary>
/// Record-wise (patient-wise) k-fold cross-validation: each fold's patients (<see cref="LabelledRecord.Group"/>, with
/// all their records and resampled copies) are held out, a model is trained on the rest and gives its class
/// probabilities for them, and the held-out predictions of all folds are pooled. Patients are dealt to folds in a
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
        var foldOf = new Dictionary<LabelledRecord, int>(ReferenceEqualityComparer.Instance);
        for (var f = 0; f < folds; f++)
        {
            var held = records.Where((_, i) => assignment[i] == f).ToList();
            foreach (var record in held) foldOf[record] = f;
            var train = records.Where((_, i) => assignment[i] != f).ToList();
            var fold = f;
            var model = BeatTrainer.Train(train, options, progress is null ? null : p => progress(fold, p), cancellation).Model;
            var all = model.Probabilities(BeatFeatures.Concat(held.Select(r => r.Features).ToList()));
            var offset = 0;
            foreach (var record in held)
            {
                var span = all.AsSpan(offset * AamiMapping.ClassCount, record.Count * AamiMapping.ClassCount);
                perRecord.Add((record.Key, BeatDecisionRule.Identity.Confusion(span, record.Labels)));
                heldOut.Add(new HeldOutRecord(record, span.ToArray()));
                offset += record.Count;
            }
            var own = heldOut.Skip(heldOut.Count - held.Count).Where(h => !h.Record.Resampled).ToList();
            probabilities[f] = own.SelectMany(h => h.Probabilities).ToArray();
            labels[f] = own.SelectMany(h => h.Record.Labels).ToArray();
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
            .Select(f => (IReadOnlyList<string>)records.Where((r, i) => assignment[i] == f && !r.Resampled).Select(r => r.Name).ToList()).ToList();
        var (premature, decided, matrix) = DecideWithRules(heldOut, fold: heldOut.Select(h => foldOf[h.Record]).ToArray(), folds, probabilities, labels,
            useScales: !ReferenceEquals(decision, BeatDecisionRule.Identity));
        return new CrossValidationResult(pooled, withRule, decision, names, perRecord, decided) { Premature = premature, Decided = matrix };
    }

    // Each fold's held-out predictions with the class scales (if chosen) and then a premature-beat rule fitted on the
    // other folds; the rule is kept (and fitted on all folds for the final model) only if it improves the objective
    // of the held-out records at their own rate.
    private static (PrematureBeatRule Rule, List<HeldOutRecord> HeldOut, ConfusionMatrix Matrix) DecideWithRules(List<HeldOutRecord> heldOut, int[] fold, int folds,
        float[][] probabilities, AamiClass[][] labels, bool useScales)
    {
        var scaled = heldOut.Select(h => h.Probabilities.ToArray()).ToArray();
        if (useScales)
            for (var f = 0; f < folds; f++)
            {
                var others = Enumerable.Range(0, folds).Where(g => g != f).ToList();
                var rule = BeatDecisionRuleFitting.Fit(others.SelectMany(g => probabilities[g]).ToArray(), others.SelectMany(g => labels[g]).ToArray());
                for (var k = 0; k < heldOut.Count; k++) if (fold[k] == f) rule.ApplyAll(scaled[k]);
            }
        ConfusionMatrix Native(float[][] p)
        {
            var m = new ConfusionMatrix();
            for (var k = 0; k < heldOut.Count; k++) if (!heldOut[k].Record.Resampled) m.Add(BeatDecisionRule.Identity.Confusion(p[k], heldOut[k].Record.Labels));
            return m;
        }
        PrematureBeatRule FitOn(IEnumerable<int> indices)
        {
            var chosen = indices.ToList();
            return PrematureBeatRuleFitting.Fit(chosen.SelectMany(k => scaled[k]).ToArray(),
                BeatFeatures.Concat(chosen.Select(k => heldOut[k].Record.Features).ToList()), chosen.SelectMany(k => heldOut[k].Record.Labels).ToArray());
        }
        var withPremature = scaled.Select(p => p.ToArray()).ToArray();
        for (var f = 0; f < folds; f++)
        {
            var rule = FitOn(Enumerable.Range(0, heldOut.Count).Where(k => fold[k] != f));
            for (var k = 0; k < heldOut.Count; k++) if (fold[k] == f) rule.ApplyAll(withPremature[k], heldOut[k].Record.Features);
        }
        var (without, with) = (Native(scaled), Native(withPremature));
        var keep = BeatDecisionRuleFitting.Objective(with) > BeatDecisionRuleFitting.Objective(without);
        var final = keep ? FitOn(Enumerable.Range(0, heldOut.Count)) : PrematureBeatRule.Off;
        var decided = keep ? withPremature : scaled;
        return (final, heldOut.Select((h, k) => h with { Decided = decided[k] }).ToList(), keep ? with : without);
    }

    /// <summary>Fold index of each record: all records of one patient (<see cref="LabelledRecord.Group"/>) in the same fold.</summary>
    public static int[] AssignFolds(IReadOnlyList<LabelledRecord> records, int folds)
    {
        var patients = records.Select(r => r.Group).Distinct().ToList();
        if (folds < 2 || folds > patients.Count) throw new ArgumentOutOfRangeException(nameof(folds), folds, $"need 2..{patients.Count} folds (one patient at least in each)");
        int Count(string patient, AamiClass c) => records.Where(r => r.Group == patient && !r.Resampled).Sum(r => r.Labels.Count(l => l == c));
        var order = patients
            .OrderByDescending(p => Count(p, AamiClass.S))
            .ThenByDescending(p => Count(p, AamiClass.V))
            .ThenBy(p => p, StringComparer.Ordinal).ToList();
        var fold = new Dictionary<string, int>();
        for (var k = 0; k < order.Count; k++)
        {
            var round = k / folds;
            var position = k % folds;
            fold[order[k]] = round % 2 == 0 ? position : folds - 1 - position;
        }
        return records.Select(r => fold[r.Group]).ToArray();
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
