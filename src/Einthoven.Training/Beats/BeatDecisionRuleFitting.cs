using Einthoven.Evaluation.Beats;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Beats;

/// <summary>
/// Chooses a <see cref="BeatDecisionRule"/>'s class scales on out-of-fold predictions of record-wise cross-validation,
/// never on test data, and scores a rule's decisions.
/// </summary>
public static class BeatDecisionRuleFitting
{
    // Scales tried per adjusted class: 2^-3 .. 2^4 in half powers.
    private static readonly double[] Grid = Enumerable.Range(-6, 15).Select(k => Math.Pow(2, k / 2.0)).ToArray();

    // The classes whose scales are searched (N stays 1 as the reference; Q is too rare in DS1 to choose a scale).
    private static readonly AamiClass[] Adjusted = [AamiClass.S, AamiClass.V, AamiClass.F];

    // The classes whose Se and +P the search maximises the mean of.
    private static readonly AamiClass[] Scored = [AamiClass.N, AamiClass.S, AamiClass.V];

    /// <summary>
    /// The scales of S, V and F (on a grid of half powers of 2) that maximise the mean of Se and +P over N, S and V
    /// on the given predictions (flat [count, 5]) and labels.
    /// </summary>
    public static BeatDecisionRule Fit(ReadOnlySpan<float> probabilities, IReadOnlyList<AamiClass> labels)
    {
        if (probabilities.Length != labels.Count * AamiMapping.ClassCount)
            throw new ArgumentException($"{probabilities.Length} probabilities for {labels.Count} labels", nameof(probabilities));
        var rows = probabilities.ToArray();
        var best = (Score: double.NegativeInfinity, Scales: new float[] { 1, 1, 1, 1, 1 });
        var scales = new float[AamiMapping.ClassCount];
        foreach (var s in Grid)
        foreach (var v in Grid)
        foreach (var f in Grid)
        {
            Array.Fill(scales, 1f);
            scales[(int)AamiClass.S] = (float)s;
            scales[(int)AamiClass.V] = (float)v;
            scales[(int)AamiClass.F] = (float)f;
            var score = Score(rows, labels, scales);
            if (score > best.Score + 1e-12) best = (score, (float[])scales.Clone());
        }
        return new BeatDecisionRule(best.Scales);
    }

    /// <summary>What <see cref="Fit"/> maximises: the mean of Se and +P over N, S and V (a class never predicted counts 0).</summary>
    public static double Objective(ConfusionMatrix m) =>
        Scored.Average(c => (Zero(m.Sensitivity(c)) + Zero(m.PositivePredictivity(c))) / 2);

    private static double Zero(double x) => double.IsNaN(x) ? 0 : x;

    /// <summary>The confusion matrix of labels against the rule's decisions on flat probabilities [count, 5].</summary>
    public static ConfusionMatrix Confusion(this BeatDecisionRule rule, ReadOnlySpan<float> probabilities, IReadOnlyList<AamiClass> labels)
    {
        var matrix = new ConfusionMatrix();
        Span<float> row = stackalloc float[AamiMapping.ClassCount];
        for (var b = 0; b < labels.Count; b++)
        {
            probabilities.Slice(b * AamiMapping.ClassCount, AamiMapping.ClassCount).CopyTo(row);
            rule.Apply(row);
            matrix.Add(labels[b], BeatClassifier.MostProbable(row));
        }
        return matrix;
    }

    private static double Score(float[] rows, IReadOnlyList<AamiClass> labels, float[] scales)
    {
        const int k = AamiMapping.ClassCount;
        Span<long> truePositive = stackalloc long[k], reference = stackalloc long[k], predicted = stackalloc long[k];
        for (var b = 0; b < labels.Count; b++)
        {
            var best = 0;
            var bestValue = float.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                var value = rows[b * k + c] * scales[c];
                if (value > bestValue) (best, bestValue) = (c, value);
            }
            var label = (int)labels[b];
            reference[label]++;
            predicted[best]++;
            if (best == label) truePositive[label]++;
        }
        var sum = 0.0;
        foreach (var c in Scored)
        {
            var i = (int)c;
            sum += (reference[i] == 0 ? 0 : (double)truePositive[i] / reference[i]) + (predicted[i] == 0 ? 0 : (double)truePositive[i] / predicted[i]);
        }
        return sum / (2 * Scored.Length);
    }
}
