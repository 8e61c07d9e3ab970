using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Statements;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Optimizers;
using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;
using Einthoven.Models.TwelveLead;
using Einthoven.Training.Rhythm;

namespace Einthoven.Training.TwelveLead;

/// <summary>Training settings of the 12-lead classifier; the defaults produced the shipped weights.</summary>
public sealed record TwelveLeadTrainingOptions
{
    public int Width { get; init; } = 32;
    public int Epochs { get; init; } = 40;
    public int BatchSize { get; init; } = 32;
    public float LearningRate { get; init; } = 2e-3f;
    public float WeightDecay { get; init; } = 1e-2f;
    /// <summary>Training window in samples at 100 Hz (random crops, as the PTB-XL benchmark's 2.5-s windows); inference reads the whole 10 s.</summary>
    public int Crop { get; init; } = 250;
    /// <summary>Stop after this many epochs without a better fold-9 macro AUC (0: all epochs).</summary>
    public int Patience { get; init; } = 10;
    public ulong Seed { get; init; } = 2020;
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>What a trained 12-lead model scores on the selection fold: each class, the superclasses' macro AUC and calibration.</summary>
public sealed record TwelveLeadReport(
    IReadOnlyList<ClassScore> Classes, double SuperclassMacroAuc, double SuperclassBrierUncalibrated, double SuperclassBrier,
    double SuperclassBrierCrossFitted, IReadOnlyDictionary<string, IReadOnlyList<ReliabilityBin>> Reliability,
    int TrainingRecords, int SelectionRecords, int BestEpoch, int EpochsRun);

/// <summary>
/// Trains the 12-lead classifier on PTB-XL folds 1-8 and selects on fold 9 (the epoch with the best superclass macro
/// AUC), then fits a Platt calibration per class and a decision threshold per class (maximum F1) on fold 9.
/// </summary>
public static class TwelveLeadTraining
{
    public static (TwelveLeadClassifier Classifier, TwelveLeadReport Report) Train(TwelveLeadDataset data, TwelveLeadTrainingOptions options,
        Action<EpochReport>? epochDone = null, Func<int, bool>? trainingFold = null, Func<int, bool>? selectionFold = null)
    {
        var train = data.Rows(trainingFold ?? (f => f <= 8));
        var select = data.Rows(selectionFold ?? (f => f == 9));
        if (train.Count == 0 || select.Count == 0) throw new ArgumentException($"{train.Count} training and {select.Count} selection records: both are needed");
        var (mean, scale) = Spread(train.Select(i => data.Features[i]).ToArray());
        var network = TwelveLeadNetwork.Create(options.Width, data.Classes.Count, options.Seed);
        var classifier = new TwelveLeadClassifier(network, options.Width, data.Classes, mean, scale);
        var trainSet = new TwelveLeadSamples(data, train, Standardized(classifier, data, train), options.Crop);
        var selectSet = new TwelveLeadSamples(data, select, Standardized(classifier, data, select), TwelveLeadNetwork.Length);
        var steps = options.Epochs * Trainer.BatchesPerEpoch(train.Count, options.BatchSize);
        var optimizer = new AdamW(network.Parameters.Select(p => p.Parameter),
            new WarmupCosineSchedule(options.LearningRate, Math.Max(1, steps / 20), steps), weightDecay: options.WeightDecay);
        var superclasses = PtbXlStatements.Superclasses.Count;
        var trainer = new Trainer(network, new SigmoidBinaryCrossEntropy(), optimizer, new TrainerOptions
        {
            Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed, Shards = 2, Threads = options.Threads,
            Patience = options.Patience, ValidationScore = (outputs, targets) => MacroAuc(outputs, targets, superclasses),
        });
        if (epochDone is not null) trainer.EpochCompleted = epochDone;
        var result = trainer.Fit(trainSet, selectSet);

        var logits = trainer.Evaluate(selectSet).Outputs;
        var truth = select.Select(i => data.Targets[i]).ToArray();
        var classes = data.Classes.Count;
        double[] a = new double[classes], b = new double[classes], thresholds = new double[classes];
        for (var k = 0; k < classes; k++)
        {
            var x = Column(logits, k);
            var y = truth.Select(t => t[k]).ToArray();
            (a[k], b[k]) = Platt(x, y);
            thresholds[k] = BestF1Threshold(x.Select(v => Calibrated(v, a[k], b[k])).ToArray(), y);
        }
        classifier.SetDecision(a, b, thresholds);
        return (classifier, Report(data, train.Count, classifier, logits, truth, result));
    }

    private static TwelveLeadReport Report(TwelveLeadDataset data, int trainingRecords, TwelveLeadClassifier classifier, Tensor logits, bool[][] truth, TrainingResult result)
    {
        var superclasses = PtbXlStatements.Superclasses.Count;
        var scores = new List<ClassScore>();
        var reliability = new Dictionary<string, IReadOnlyList<ReliabilityBin>>();
        double raw = 0, calibrated = 0, crossFitted = 0;
        for (var k = 0; k < data.Classes.Count; k++)
        {
            var x = Column(logits, k);
            var y = truth.Select(t => t[k]).ToArray();
            var p = x.Select(v => Calibrated(v, classifier.CalibrationA[k], classifier.CalibrationB[k])).ToArray();
            scores.Add(StatementScores.Score(data.Classes[k].Code, p, y, classifier.ThresholdValues[k]));
            if (k >= superclasses) continue;
            reliability[data.Classes[k].Code] = StatementScores.Reliability(p, y);
            raw += StatementScores.Brier(x.Select(v => Calibrated(v, 1, 0)).ToArray(), y) / superclasses;
            calibrated += StatementScores.Brier(p, y) / superclasses;
            crossFitted += CrossFittedBrier(x, y) / superclasses;
        }
        return new TwelveLeadReport(scores, scores.Take(superclasses).Average(s => s.Auc), raw, calibrated, crossFitted, reliability,
            trainingRecords, truth.Length, result.BestEpoch, result.History.Count);
    }

    /// <summary>Mean AUC of the first <paramref name="classes"/> outputs (logits or probabilities: AUC needs only their order).</summary>
    public static double MacroAuc(Tensor outputs, Tensor targets, int classes)
    {
        var aucs = Enumerable.Range(0, classes).Select(k => StatementScores.RocAuc(Column(outputs, k).Select(v => (double)v).ToArray(),
            Column(targets, k).Select(v => v > 0.5f).ToArray())).Where(double.IsFinite).ToArray();
        return aucs.Length == 0 ? 0 : aucs.Average();
    }

    /// <summary>Platt scaling: σ(a·x + b) fitted by (lightly penalised) logistic regression of the outcome on the logit.</summary>
    public static (double A, double B) Platt(IReadOnlyList<float> logits, IReadOnlyList<bool> outcomes)
    {
        if (outcomes.All(o => o) || outcomes.All(o => !o)) return (1, 0);
        var (weights, bias) = SoftmaxRegression.Fit(logits.Select(v => new[] { (double)v }).ToArray(), outcomes.Select(o => o ? 1 : 0).ToArray(), 2, 1e-3);
        return (weights[1][0] - weights[0][0], bias[1] - bias[0]);
    }

    /// <summary>The probability threshold with the highest F1 (ties: the lowest threshold); 0.5 without positives.</summary>
    public static double BestF1Threshold(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        if (!outcomes.Any(o => o)) return 0.5;
        var best = (F1: -1.0, Threshold: 0.5);
        foreach (var t in probabilities.Distinct().Order())
        {
            var f1 = StatementScores.Score("", probabilities, outcomes, t).F1;
            if (f1 > best.F1) best = (f1, t);
        }
        return best.Threshold;
    }

    private static double Calibrated(float logit, double a, double b) => SigmoidBinaryCrossEntropy.Sigmoid((float)(a * logit + b));

    // Calibration fitted on one half of the selection fold and scored on the other, both ways: an honest Brier score.
    private static double CrossFittedBrier(float[] logits, bool[] outcomes)
    {
        var half = Enumerable.Range(0, logits.Length).Select(i => i % 2).ToArray();
        var squares = 0.0;
        for (var part = 0; part < 2; part++)
        {
            var fit = Enumerable.Range(0, logits.Length).Where(i => half[i] != part).ToArray();
            var (a, b) = Platt(fit.Select(i => logits[i]).ToArray(), fit.Select(i => outcomes[i]).ToArray());
            foreach (var i in Enumerable.Range(0, logits.Length).Where(i => half[i] == part))
                squares += Math.Pow(Calibrated(logits[i], a, b) - (outcomes[i] ? 1 : 0), 2);
        }
        return squares / logits.Length;
    }

    private static float[] Column(Tensor t, int k) => Enumerable.Range(0, t.Dim(0)).Select(r => t.Data[r * t.Dim(1) + k]).ToArray();

    private static float[] Standardized(TwelveLeadClassifier classifier, TwelveLeadDataset data, IReadOnlyList<int> rows) =>
        classifier.StandardizeFeatures(rows.SelectMany(i => data.Features[i]).ToArray());

    // Mean and spread of each feature over the finite values (missing ones are NaN).
    private static (float[] Mean, float[] Scale) Spread(float[][] rows)
    {
        var f = TwelveLeadFeatures.Count;
        var mean = new float[f];
        var scale = new float[f];
        for (var c = 0; c < f; c++)
        {
            var values = rows.Select(r => (double)r[c]).Where(double.IsFinite).ToArray();
            var m = values.Length == 0 ? 0 : values.Average();
            var sd = values.Length == 0 ? 0 : Math.Sqrt(values.Average(v => (v - m) * (v - m)));
            (mean[c], scale[c]) = ((float)m, sd > 1e-9 ? (float)sd : 1f);
        }
        return (mean, scale);
    }
}
