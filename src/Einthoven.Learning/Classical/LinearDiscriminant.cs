using MathNet.Numerics.LinearAlgebra;

namespace Einthoven.Learning.Classical;

/// <summary>
/// Fisher's linear discriminant between two classes with a shared, ridge-regularised covariance. The features are
/// first standardised by the negative class's mean and spread, so the ridge means the same whatever their units.
/// <see cref="Score"/> is positive on the positive class's side of the midpoint between the class means (equal priors).
/// </summary>
public sealed class LinearDiscriminant
{
    private const double SmallestSpread = 1e-3;
    private readonly double[] mean, spread, weights;
    private readonly double bias;

    private LinearDiscriminant(double[] mean, double[] spread, double[] weights, double bias) =>
        (this.mean, this.spread, this.weights, this.bias) = (mean, spread, weights, bias);

    /// <param name="negative">Rows of the negative class (at least 2).</param>
    /// <param name="positive">Rows of the positive class (at least 1), with as many features as the negative ones.</param>
    /// <param name="ridge">Added to the covariance's diagonal, in standardised units; positive.</param>
    public static LinearDiscriminant Fit(IReadOnlyList<double[]> negative, IReadOnlyList<double[]> positive, double ridge)
    {
        if (negative.Count < 2 || positive.Count < 1) throw new ArgumentException($"a discriminant needs 2 negative and 1 positive rows; got {negative.Count} and {positive.Count}");
        if (!(ridge > 0)) throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "must be positive");
        var d = negative[0].Length;
        if (negative.Concat(positive).Any(r => r.Length != d)) throw new ArgumentException($"every row must have {d} features");
        var mean = Enumerable.Range(0, d).Select(j => negative.Average(r => r[j])).ToArray();
        var spread = Enumerable.Range(0, d).Select(j => Math.Max(SmallestSpread, Math.Sqrt(negative.Average(r => (r[j] - mean[j]) * (r[j] - mean[j]))))).ToArray();
        double[] Standardise(double[] r) => r.Select((x, j) => (x - mean[j]) / spread[j]).ToArray();
        var classes = new[] { negative.Select(Standardise).ToArray(), positive.Select(Standardise).ToArray() };
        var centres = classes.Select(c => Vector<double>.Build.DenseOfEnumerable(Enumerable.Range(0, d).Select(j => c.Average(r => r[j])))).ToArray();
        // Pooled scatter, accumulated in place: a 24-h record brings about 100,000 rows.
        var scatter = new double[d, d];
        var centred = new double[d];
        for (var k = 0; k < 2; k++)
            foreach (var row in classes[k])
            {
                for (var i = 0; i < d; i++) centred[i] = row[i] - centres[k][i];
                for (var i = 0; i < d; i++)
                for (var j = 0; j <= i; j++) scatter[i, j] += centred[i] * centred[j];
            }
        var rows = negative.Count + positive.Count;
        var covariance = Matrix<double>.Build.Dense(d, d, (i, j) => (i >= j ? scatter[i, j] : scatter[j, i]) / rows + (i == j ? ridge : 0));
        var w = covariance.Cholesky().Solve(centres[1] - centres[0]);
        return new LinearDiscriminant(mean, spread, w.ToArray(), -0.5 * w.DotProduct(centres[1] + centres[0]));
    }

    /// <summary>The discriminant's value for a row: positive means the positive class's side.</summary>
    public double Score(IReadOnlyList<double> row)
    {
        if (row.Count != weights.Length) throw new ArgumentException($"expected {weights.Length} features, got {row.Count}", nameof(row));
        var sum = bias;
        for (var j = 0; j < weights.Length; j++) sum += weights[j] * (row[j] - mean[j]) / spread[j];
        return sum;
    }
}
