using Einthoven.Evaluation.Beats;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Beats;

/// <summary>
/// Chooses a <see cref="PrematureBeatRule"/>'s thresholds on out-of-fold predictions of record-wise cross-validation
/// (never on test data): the grid point that maximises <see cref="BeatDecisionRuleFitting.Objective"/>, or
/// <see cref="PrematureBeatRule.Off"/> if none improves on the predictions as they are.
/// </summary>
public static class PrematureBeatRuleFitting
{
    private static readonly double[] Prematurity = [0.7, 0.75, 0.8, 0.85, 0.9];
    private static readonly double[] Irregularity = [0.03, 0.06, 0.1, 0.2];
    private static readonly double[] QrsCorrelation = [0.5, 0.8, 0.9, 0.95];
    private static readonly double[] PWaveCorrelation = [0, 0.3, 0.5, 0.7, 0.85, 1];

    /// <param name="probabilities">Held-out class probabilities, flat [count, 5], as the model decides without the rule.</param>
    /// <param name="features">The same beats' network inputs.</param>
    public static PrematureBeatRule Fit(ReadOnlySpan<float> probabilities, BeatFeatures features, IReadOnlyList<AamiClass> labels)
    {
        if (probabilities.Length != labels.Count * AamiMapping.ClassCount || features.Count != labels.Count)
            throw new ArgumentException($"{probabilities.Length} probabilities and {features.Count} feature rows for {labels.Count} labels", nameof(probabilities));
        var predicted = new AamiClass[labels.Count];
        var baseline = new ConfusionMatrix();
        for (var b = 0; b < labels.Count; b++)
        {
            predicted[b] = BeatClassifier.MostProbable(probabilities.Slice(b * AamiMapping.ClassCount, AamiMapping.ClassCount));
            baseline.Add(labels[b], predicted[b]);
        }
        // Only beats called N that the loosest rule would fire on can change.
        var loosest = new PrematureBeatRule(Prematurity[^1], Irregularity[^1], QrsCorrelation[0], PWaveCorrelation[^1]);
        var candidates = Enumerable.Range(0, labels.Count).Where(b => predicted[b] == AamiClass.N && loosest.Fires(features.FeatureRow(b))).ToArray();
        var best = (Score: BeatDecisionRuleFitting.Objective(baseline), Rule: PrematureBeatRule.Off);
        foreach (var p in Prematurity)
        foreach (var i in Irregularity)
        foreach (var q in QrsCorrelation)
        foreach (var w in PWaveCorrelation)
        {
            var rule = new PrematureBeatRule(p, i, q, w);
            var matrix = new ConfusionMatrix();
            matrix.Add(baseline);
            foreach (var b in candidates)
            {
                if (!rule.Fires(features.FeatureRow(b))) continue;
                matrix.Add(labels[b], AamiClass.N, -1);
                matrix.Add(labels[b], AamiClass.S);
            }
            var score = BeatDecisionRuleFitting.Objective(matrix);
            if (score > best.Score + 1e-9) best = (score, rule);
        }
        return best.Rule;
    }
}
