using Einthoven.Evaluation.Rhythm;
using Einthoven.Models.Rhythm;

namespace Einthoven.Training.Rhythm;

/// <summary>One fold of the leave-one-fold-out cross-validation: the labelled records it trains on and every record of the fold it scores.</summary>
public sealed record RestingRhythmFold(int Fold, int[] Train, int[] Test);

/// <summary>
/// The cross-validated verdict of every record: each scored by the head fitted on the other folds, the mean negative
/// log-likelihood of the held-out records' targets, and <see cref="PtbXlRhythmCheck"/>'s groups of the held-out verdicts.
/// </summary>
public sealed record RestingRhythmCrossValidation(double L2, string[] Labels, double LogLoss, IReadOnlyList<PtbXlRhythmGroup> Groups);

/// <summary>
/// Fits the 12-lead rhythm head (<see cref="RestingRhythmHead"/>) on PTB-XL folds 1-9 and cross-validates it leaving
/// one strat_fold out at a time; the L2 penalty is the one of <see cref="L2Grid"/> with the lowest cross-validated log-loss.
/// </summary>
public static class RestingRhythmTraining
{
    public static readonly IReadOnlyList<double> L2Grid = [0.1, 1, 10, 100];

    /// <summary>Weights and standardisation are kept to this many decimals, so that the same data give the same file.</summary>
    private const int Decimals = 6;

    /// <summary>The head fitted on the labelled records among <paramref name="rows"/>.</summary>
    public static RestingRhythmHead Fit(RestingRhythmDataset data, IReadOnlyList<int> rows, double l2)
    {
        var labelled = rows.Where(i => data.Targets[i] is not null).ToArray();
        if (labelled.Length == 0) throw new ArgumentException("no labelled record to fit the head on", nameof(rows));
        var d = RestingRhythmFeatures.Count;
        var mean = Enumerable.Range(0, d).Select(j => Round(labelled.Average(i => data.Features[i][j]))).ToArray();
        var scale = Enumerable.Range(0, d).Select(j =>
        {
            var sd = Math.Sqrt(labelled.Average(i => Math.Pow(data.Features[i][j] - mean[j], 2)));
            return sd > 1e-6 ? Round(sd) : 1;
        }).ToArray();
        var standardiser = new RestingRhythmHead { Features = RestingRhythmFeatures.Names, Mean = mean, Scale = scale, Weights = [], Bias = [] };
        var (weights, bias) = SoftmaxRegression.Fit(labelled.Select(i => standardiser.Standardise(data.Features[i])).ToArray(),
            labelled.Select(i => data.Targets[i]!.Value).ToArray(), RestingRhythmHead.Classes.Length, l2);
        return standardiser with { Weights = weights.Select(w => w.Select(Round).ToArray()).ToArray(), Bias = bias.Select(Round).ToArray() };
    }

    /// <summary>One fold per strat_fold present: it trains on the labelled records of the other folds and scores every record of its own.</summary>
    public static IReadOnlyList<RestingRhythmFold> LeaveOneFoldOut(RestingRhythmDataset data)
    {
        var all = Enumerable.Range(0, data.Count).ToArray();
        return data.Entries.Select(e => e.StratFold).Distinct().Order().Select(f => new RestingRhythmFold(f,
            all.Where(i => data.Entries[i].StratFold != f && data.Targets[i] is not null).ToArray(),
            all.Where(i => data.Entries[i].StratFold == f).ToArray())).ToList();
    }

    /// <summary>The record's label as <see cref="Models.Analysis.RecordRhythm"/> gives it: the most probable of N, A, O and ~.</summary>
    public static string Label(RestingRhythmHead head, RestingRhythmDataset data, int i)
    {
        var p = head.Probabilities(data.CincMeans[i], data.Features[i]);
        return RhythmLabels.All[Array.IndexOf(p, p.Max())];
    }

    /// <param name="progress">(folds done, folds in all).</param>
    public static RestingRhythmCrossValidation CrossValidate(RestingRhythmDataset data, double l2, Action<int, int>? progress = null)
    {
        var folds = LeaveOneFoldOut(data);
        var labels = new string[data.Count];
        double loss = 0;
        var scored = 0;
        for (var f = 0; f < folds.Count; f++)
        {
            var head = Fit(data, folds[f].Train, l2);
            foreach (var i in folds[f].Test)
            {
                labels[i] = Label(head, data, i);
                if (data.Targets[i] is not { } target) continue;
                loss -= Math.Log(Math.Max(1e-12, head.ClassProbabilities(data.Features[i])[target]));
                scored++;
            }
            progress?.Invoke(f + 1, folds.Count);
        }
        return new RestingRhythmCrossValidation(l2, labels, loss / Math.Max(1, scored), PtbXlRhythmCheck.Groups(data.Entries, labels));
    }

    /// <summary>Cross-validates every penalty of <see cref="L2Grid"/>; the first is the chosen one (lowest log-loss), then the rest in grid order.</summary>
    public static IReadOnlyList<RestingRhythmCrossValidation> CrossValidateGrid(RestingRhythmDataset data, Action<int, int>? progress = null)
    {
        var results = new List<RestingRhythmCrossValidation>();
        foreach (var l2 in L2Grid)
            results.Add(CrossValidate(data, l2, (done, total) => progress?.Invoke(results.Count * total + done, L2Grid.Count * total)));
        var best = results.MinBy(r => r.LogLoss)!;
        return [best, .. results.Where(r => r != best)];
    }

    private static double Round(double x) => Math.Round(x, Decimals);
}
