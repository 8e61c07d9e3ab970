namespace Einthoven.Evaluation.Statements;

/// <summary>One bin of a reliability diagram: the records whose probability fell in [Low, High), their mean probability and the share that were positive.</summary>
public sealed record ReliabilityBin(double Low, double High, int Count, double MeanProbability, double PositiveShare);

/// <summary>Scores of one class of a multi-label classifier on a set of records.</summary>
public sealed record ClassScore(string Code, int Positives, int Records, double Auc, double Brier, double Threshold,
    double Sensitivity, double Specificity, double F1);

/// <summary>Threshold-free and calibration scores of probabilistic yes/no decisions: ROC AUC, Brier score, reliability bins.</summary>
public static class StatementScores
{
    /// <summary>Area under the ROC curve (the Mann-Whitney statistic, ties counted half); NaN without both positives and negatives.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> positives)
    {
        Check(scores, positives);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        // Mid-ranks over ties, then the rank sum of the positives.
        var ranks = new double[scores.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        long p = positives.Count(x => x), n = positives.Count - p;
        if (p == 0 || n == 0) return double.NaN;
        var rankSum = Enumerable.Range(0, scores.Count).Where(i => positives[i]).Sum(i => ranks[i]);
        return (rankSum - p * (p + 1) / 2.0) / (p * (double)n);
    }

    /// <summary>Mean squared difference between probability and outcome (0 is perfect, 0.25 is a coin).</summary>
    public static double Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> positives)
    {
        Check(probabilities, positives);
        return probabilities.Count == 0 ? double.NaN : probabilities.Select((p, i) => Math.Pow(p - (positives[i] ? 1 : 0), 2)).Average();
    }

    /// <summary>Equal-width bins of the probability; empty bins are left out.</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<double> probabilities, IReadOnlyList<bool> positives, int bins = 10)
    {
        Check(probabilities, positives);
        return Enumerable.Range(0, probabilities.Count)
            .GroupBy(i => Math.Clamp((int)(probabilities[i] * bins), 0, bins - 1))
            .OrderBy(g => g.Key)
            .Select(g => new ReliabilityBin((double)g.Key / bins, (double)(g.Key + 1) / bins, g.Count(),
                g.Average(i => probabilities[i]), g.Average(i => positives[i] ? 1.0 : 0.0)))
            .ToArray();
    }

    /// <summary>AUC, Brier and the decision at <paramref name="threshold"/> of one class.</summary>
    public static ClassScore Score(string code, IReadOnlyList<double> probabilities, IReadOnlyList<bool> positives, double threshold)
    {
        Check(probabilities, positives);
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < probabilities.Count; i++)
            _ = (probabilities[i] >= threshold, positives[i]) switch { (true, true) => tp++, (true, false) => fp++, (false, false) => tn++, (false, true) => fn++ };
        double Ratio(int a, int b) => a + b == 0 ? double.NaN : (double)a / (a + b);
        return new ClassScore(code, tp + fn, probabilities.Count, RocAuc(probabilities, positives), Brier(probabilities, positives), threshold,
            Ratio(tp, fn), Ratio(tn, fp), tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn));
    }

    private static void Check(IReadOnlyList<double> scores, IReadOnlyList<bool> positives)
    {
        if (scores.Count != positives.Count) throw new ArgumentException($"{scores.Count} scores for {positives.Count} outcomes");
    }
}
