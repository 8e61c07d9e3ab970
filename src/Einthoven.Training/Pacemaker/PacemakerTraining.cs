using Einthoven.Evaluation.Pacing;
using Einthoven.Models.Pacemaker;
using Einthoven.Training.Rhythm;

namespace Einthoven.Training.Pacemaker;

/// <summary>The cross-validated probability of every original training record (each from the model fitted on the other folds) and their log-loss.</summary>
public sealed record PacemakerCrossValidation(double L2, IReadOnlyList<(PacemakerSample Sample, double Probability)> Held, double LogLoss);

/// <summary>
/// Fits the pacemaker model (<see cref="PacemakerModel"/>), a logistic regression (<see cref="SoftmaxRegression"/> with
/// two classes) on the training folds' records and their augmented variants. The penalty is the one of
/// <see cref="L2Grid"/> with the lowest log-loss over the original records, leaving one strat_fold out; the threshold
/// is chosen on those held-out probabilities (<see cref="ChooseThreshold"/>). Fold 9 is neither trained on nor used to choose.
/// </summary>
public static class PacemakerTraining
{
    public static readonly IReadOnlyList<double> L2Grid = [1, 10, 100, 1000];

    /// <summary>The threshold keeps at least this specificity on the held-out training records (a pacemaker is rare: 0.7 % of PTB-XL).</summary>
    public const double MinSpecificity = 0.99;

    private const int Decimals = 6;

    public static PacemakerModel Fit(IReadOnlyList<PacemakerSample> samples, double l2, double threshold = 0.5)
    {
        if (samples.Count == 0 || samples.All(s => s.Paced) || samples.All(s => !s.Paced)) throw new ArgumentException("need paced and unpaced samples to fit on", nameof(samples));
        var d = PacemakerFeatures.Count;
        double Value(PacemakerSample s, int j) => s.Features[j];
        var mean = Enumerable.Range(0, d).Select(j =>
        {
            var measured = samples.Where(s => !double.IsNaN(Value(s, j))).ToArray();
            return measured.Length == 0 ? 0 : Round(measured.Average(s => Value(s, j)));
        }).ToArray();
        var scale = Enumerable.Range(0, d).Select(j =>
        {
            var measured = samples.Where(s => !double.IsNaN(Value(s, j))).ToArray();
            var sd = measured.Length == 0 ? 0 : Math.Sqrt(measured.Average(s => Math.Pow(Value(s, j) - mean[j], 2)));
            return sd > 1e-6 ? Round(sd) : 1;
        }).ToArray();
        var standardiser = new PacemakerModel { Features = PacemakerFeatures.Names, Mean = mean, Scale = scale, Weights = new double[d], Bias = 0, Threshold = threshold };
        var (weights, bias) = SoftmaxRegression.Fit(samples.Select(s => standardiser.Standardise(s.Features)).ToArray(), samples.Select(s => s.Paced ? 1 : 0).ToArray(), 2, l2);
        // Two-class softmax: the log-odds of paced are the difference of the two rows.
        return standardiser with
        {
            Weights = weights[1].Select((w, j) => Round(w - weights[0][j])).ToArray(),
            Bias = Round(bias[1] - bias[0]),
        };
    }

    /// <summary>Leave one training fold out: every original record of a fold scored by the model fitted on the other folds' samples.</summary>
    public static PacemakerCrossValidation CrossValidate(IReadOnlyList<PacemakerSample> training, double l2)
    {
        var held = new List<(PacemakerSample, double)>();
        foreach (var fold in training.Select(s => s.StratFold).Distinct().Order())
        {
            var rest = training.Where(s => s.StratFold != fold).ToArray();
            if (!rest.Any(s => s.Paced)) continue;
            var model = Fit(rest, l2);
            held.AddRange(training.Where(s => s.StratFold == fold && s.Variant == 0).Select(s => (s, model.Probability(s.Features))));
        }
        var loss = held.Count == 0 ? double.NaN : held.Average(h => -Math.Log(Math.Max(1e-12, h.Item1.Paced ? h.Item2 : 1 - h.Item2)));
        return new PacemakerCrossValidation(l2, held, loss);
    }

    /// <summary>
    /// The threshold that maximises sensitivity plus specificity among those that keep specificity at least
    /// <see cref="MinSpecificity"/>, placed halfway between the held-out probability it admits and the next below.
    /// </summary>
    public static double ChooseThreshold(IReadOnlyList<(PacemakerSample Sample, double Probability)> held)
    {
        var candidates = held.Select(h => h.Probability).Distinct().Order().ToArray();
        var best = (Score: double.NegativeInfinity, Threshold: 0.5);
        for (var c = 0; c < candidates.Length; c++)
        {
            var t = c == 0 ? candidates[0] / 2 : (candidates[c] + candidates[c - 1]) / 2;
            var score = BinaryScore.Of(held.Select(h => (h.Sample.Paced, h.Probability >= t)));
            if (score.Specificity < MinSpecificity) continue;
            var value = score.Sensitivity + score.Specificity;
            if (value > best.Score) best = (value, t);
        }
        return Math.Clamp(Round(best.Threshold), 1e-4, 1 - 1e-4);
    }

    private static double Round(double x) => Math.Round(x, Decimals);
}
