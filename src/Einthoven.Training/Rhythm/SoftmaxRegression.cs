using Einthoven.Models.Rhythm;
using MathNet.Numerics.LinearAlgebra;

namespace Einthoven.Training.Rhythm;

/// <summary>
/// Multinomial logistic regression with an L2 penalty on the weights, fitted by Newton's method with step halving:
/// deterministic, and exact to the last digits kept (no learning rate, no random start).
/// </summary>
public static class SoftmaxRegression
{
    /// <summary>A penalty on the biases too, tiny, so that the softmax's redundant direction does not make the Hessian singular.</summary>
    private const double BiasPenalty = 1e-4, Tolerance = 1e-10;
    private const int MaxIterations = 100;

    /// <param name="rows">Standardised features, one row per record.</param>
    /// <param name="targets">Each row's class, 0 to <paramref name="classes"/> - 1.</param>
    /// <param name="l2">Penalty: the fit minimises the summed negative log-likelihood plus l2 / 2 times the squared weights.</param>
    public static (double[][] Weights, double[] Bias) Fit(IReadOnlyList<double[]> rows, IReadOnlyList<int> targets, int classes, double l2)
    {
        if (rows.Count == 0 || rows.Count != targets.Count) throw new ArgumentException($"{rows.Count} rows for {targets.Count} targets");
        if (targets.Any(t => t < 0 || t >= classes)) throw new ArgumentException($"targets must lie in 0..{classes - 1}", nameof(targets));
        if (!(l2 > 0)) throw new ArgumentOutOfRangeException(nameof(l2), l2, "must be positive");
        var d = rows[0].Length;
        var theta = new double[classes * (d + 1)];
        var objective = Objective(rows, targets, classes, l2, theta);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var (gradient, hessian) = Derivatives(rows, targets, classes, l2, theta);
            var step = hessian.Cholesky().Solve(gradient).ToArray();
            // Newton's step, halved until the objective does not rise (none taken if it always does).
            var taken = new double[step.Length];
            for (var scale = 1.0; scale > 1e-6; scale /= 2)
            {
                var next = theta.Select((t, j) => t - scale * step[j]).ToArray();
                var value = Objective(rows, targets, classes, l2, next);
                if (value > objective) continue;
                (theta, objective, taken) = (next, value, step.Select(s => s * scale).ToArray());
                break;
            }
            if (taken.Max(Math.Abs) < Tolerance) break;
        }
        return Unpack(theta, classes, d);
    }

    private static (double[][] Weights, double[] Bias) Unpack(double[] theta, int classes, int d) =>
        (Enumerable.Range(0, classes).Select(k => theta.AsSpan(k * (d + 1), d).ToArray()).ToArray(),
         Enumerable.Range(0, classes).Select(k => theta[k * (d + 1) + d]).ToArray());

    private static double[][] Probabilities(IReadOnlyList<double[]> rows, int classes, double[] theta)
    {
        var (weights, bias) = Unpack(theta, classes, rows[0].Length);
        return rows.Select(r => RestingRhythmHead.Softmax(r, weights, bias)).ToArray();
    }

    /// <summary>Each parameter's penalty: <paramref name="l2"/> on a weight, <see cref="BiasPenalty"/> on a bias.</summary>
    private static double PenaltyOn(int j, int d, double l2) => j % (d + 1) == d ? BiasPenalty : l2;

    private static double Objective(IReadOnlyList<double[]> rows, IReadOnlyList<int> targets, int classes, double l2, double[] theta)
    {
        var d = rows[0].Length;
        var loss = Probabilities(rows, classes, theta).Select((p, i) => -Math.Log(Math.Max(1e-300, p[targets[i]]))).Sum();
        return loss + 0.5 * theta.Select((t, j) => PenaltyOn(j, d, l2) * t * t).Sum();
    }

    private static (Vector<double> Gradient, Matrix<double> Hessian) Derivatives(IReadOnlyList<double[]> rows, IReadOnlyList<int> targets, int classes, double l2, double[] theta)
    {
        var d = rows[0].Length;
        var n = classes * (d + 1);
        var gradient = new double[n];
        var hessian = new double[n, n];
        var x = new double[d + 1];
        var probabilities = Probabilities(rows, classes, theta);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(x, 0);
            x[d] = 1;
            var p = probabilities[i];
            for (var k = 0; k < classes; k++)
            {
                var residual = p[k] - (targets[i] == k ? 1 : 0);
                for (var a = 0; a <= d; a++) gradient[k * (d + 1) + a] += residual * x[a];
                for (var l = 0; l < classes; l++)
                {
                    var w = p[k] * ((k == l ? 1 : 0) - p[l]);
                    for (var a = 0; a <= d; a++)
                        for (var b = 0; b <= d; b++) hessian[k * (d + 1) + a, l * (d + 1) + b] += w * x[a] * x[b];
                }
            }
        }
        for (var j = 0; j < n; j++)
        {
            var penalty = PenaltyOn(j, d, l2);
            gradient[j] += penalty * theta[j];
            hessian[j, j] += penalty;
        }
        return (Vector<double>.Build.DenseOfArray(gradient), Matrix<double>.Build.DenseOfArray(hessian));
    }
}
