using Einthoven.Evaluation.Beats;
using Einthoven.Learning.Tensors;

namespace Einthoven.Training.Retraining;

/// <summary>A percentile interval; <see cref="HalfWidth"/> is (High - Low) / 2.</summary>
public readonly record struct BootstrapInterval(double Low, double High)
{
    public double HalfWidth => (High - Low) / 2;
}

/// <summary>
/// The bootstrap over records of the difference of a metric between two models scored on the same records: each
/// replicate draws as many records as there are, with replacement, pools each model's matrices of the records drawn
/// and takes the difference (second minus first). Records are patients, so the interval reflects how much the result
/// depends on which patients were in the holdout. Deterministic for a seed.
/// </summary>
public static class PairedBootstrap
{
    public const double Level = 0.95;

    public static BootstrapInterval Difference(IReadOnlyList<ConfusionMatrix> first, IReadOnlyList<ConfusionMatrix> second,
        Func<ConfusionMatrix, double> metric, int replicates, ulong seed)
    {
        if (first.Count != second.Count || first.Count == 0) throw new ArgumentException($"need the same records for both models, at least one; got {first.Count} and {second.Count}");
        if (replicates < 1) throw new ArgumentOutOfRangeException(nameof(replicates), replicates, "at least one replicate");
        var rng = new SplitMix64(seed);
        var differences = new double[replicates];
        for (var b = 0; b < replicates; b++)
        {
            ConfusionMatrix a = new(), c = new();
            for (var k = 0; k < first.Count; k++)
            {
                var i = rng.NextInt(first.Count);
                a.Add(first[i]);
                c.Add(second[i]);
            }
            differences[b] = metric(c) - metric(a);
        }
        Array.Sort(differences);
        return new BootstrapInterval(Quantile(differences, (1 - Level) / 2), Quantile(differences, (1 + Level) / 2));
    }

    // Linear interpolation between order statistics (R's type 7).
    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }
}
