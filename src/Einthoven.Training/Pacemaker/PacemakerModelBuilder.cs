using System.Globalization;
using Einthoven.Evaluation.Pacing;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Analysis;
using Einthoven.Models.Pacemaker;

namespace Einthoven.Training.Pacemaker;

/// <summary>The saved model's card, the cross-validation of every penalty (the chosen one first) and the scores of the original records.</summary>
public sealed record PacemakerBuildReport(ModelCard Card, string WeightsPath, string CardPath, IReadOnlyList<PacemakerCrossValidation> CrossValidation,
    BinaryScore CrossValidated, BinaryScore Training, BinaryScore Validation, TimeSpan Elapsed);

/// <summary>
/// Builds the shipped pacemaker model (<c>einthoven train pacemaker</c>): computes the features of PTB-XL's records and
/// their variants once (<see cref="PacemakerDataset"/>), chooses the penalty and the threshold leaving one training fold
/// (1-8) out, fits on folds 1-8, scores fold 9 as the detector decides, and saves weights and card.
/// </summary>
public static class PacemakerModelBuilder
{
    public const string WeightsFile = "pacemaker.json", CardFile = PacemakerDetector.ShippedCardFile, Name = "einthoven-pacemaker", Version = "1";

    public static PacemakerBuildReport Build(string directory, string outputDirectory, int? limit = null, DateOnly? date = null,
        Action<string, int, int>? progress = null, int positiveVariants = PacemakerDataset.PositiveVariants)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var data = PacemakerDataset.Load(directory, limit, (done, total) => progress?.Invoke("features", done, total), positiveVariants);
        var training = data.Samples.Where(s => s.StratFold != PacemakerDataset.ValidationFold).ToArray();
        var cvs = new List<PacemakerCrossValidation>();
        foreach (var l2 in PacemakerTraining.L2Grid)
        {
            cvs.Add(PacemakerTraining.CrossValidate(training, l2));
            progress?.Invoke("cross-validation", cvs.Count, PacemakerTraining.L2Grid.Count);
        }
        var chosen = cvs.Where(c => !double.IsNaN(c.LogLoss)).MinBy(c => c.LogLoss) ?? cvs[0];
        cvs = [chosen, .. cvs.Where(c => c != chosen)];
        var threshold = PacemakerTraining.ChooseThreshold(chosen.Held);
        var model = PacemakerTraining.Fit(training, chosen.L2, threshold);
        progress?.Invoke("train", 1, 1);
        var detector = new PacemakerDetector(model, new ModelVersion(Name, Version));
        BinaryScore Score(IEnumerable<PacemakerSample> s) => BinaryScore.Of(s.Select(x => (x.Paced, detector.Decide(x.Features, 100).Paced)));
        var cvScore = BinaryScore.Of(chosen.Held.Select(h => (h.Sample.Paced, h.Probability >= threshold)));
        var trainScore = Score(data.Originals.Where(s => s.StratFold != PacemakerDataset.ValidationFold));
        var validation = Score(data.Originals.Where(s => s.StratFold == PacemakerDataset.ValidationFold));
        Directory.CreateDirectory(outputDirectory);
        var weightsPath = Path.Combine(outputDirectory, WeightsFile);
        model.Save(weightsPath);
        var card = Describe(data, cvs, cvScore, trainScore, validation, weightsPath, date ?? DateOnly.FromDateTime(DateTime.UtcNow), watch.Elapsed, positiveVariants);
        var cardPath = Path.Combine(outputDirectory, CardFile);
        card.Save(cardPath);
        return new PacemakerBuildReport(card, weightsPath, cardPath, cvs, cvScore, trainScore, validation, watch.Elapsed);
    }

    private static ModelCard Describe(PacemakerDataset data, IReadOnlyList<PacemakerCrossValidation> cvs, BinaryScore cv, BinaryScore training, BinaryScore validation,
        string weightsPath, DateOnly date, TimeSpan elapsed, int positiveVariants)
    {
        string Invariant(double x) => x.ToString(CultureInfo.InvariantCulture);
        var originals = data.Originals.ToArray();
        string Counts(Func<PacemakerSample, bool> where) => $"{originals.Count(s => where(s) && s.Paced)} paced of {originals.Count(where)}";
        var metrics = new Dictionary<string, double>
        {
            ["cv_sensitivity"] = Math.Round(cv.Sensitivity, 4),
            ["cv_specificity"] = Math.Round(cv.Specificity, 4),
            ["cv_log_loss"] = Math.Round(cvs[0].LogLoss, 4),
            ["fold9_sensitivity"] = Math.Round(validation.Sensitivity, 4),
            ["fold9_sensitivity_ci_low"] = Math.Round(validation.SensitivityInterval.Lower, 4),
            ["fold9_sensitivity_ci_high"] = Math.Round(validation.SensitivityInterval.Upper, 4),
            ["fold9_specificity"] = Math.Round(validation.Specificity, 4),
            ["fold9_specificity_ci_low"] = Math.Round(validation.SpecificityInterval.Lower, 4),
            ["fold9_specificity_ci_high"] = Math.Round(validation.SpecificityInterval.Upper, 4),
            ["training_sensitivity"] = Math.Round(training.Sensitivity, 4),
            ["training_specificity"] = Math.Round(training.Specificity, 4),
        };
        var model = PacemakerModel.Load(weightsPath);
        return new ModelCard
        {
            Name = Name,
            Version = Version,
            Architecture = $"logistic regression on {PacemakerFeatures.Count} standardised features (clipped at +-6, unmeasured = mean) -> P(pacemaker), paced at P >= {Invariant(model.Threshold)}; at >= {Invariant(PacemakerDetector.SpikeRate)} Hz the spike rule decides alone when it sees stimuli before >= {Invariant(100 * PacemakerDetector.StrongSpikeFraction)} % of beats (P >= {Invariant(PacemakerDetector.StrongSpikeProbability)})",
            Data = $"PTB-XL 1.0.3 strat_folds 1-9 present here (100 Hz, 12 leads, 10 s), truth the pacemaker column: folds 1-8 {Counts(s => s.StratFold != PacemakerDataset.ValidationFold)} (trained on, with {positiveVariants} augmented variants of each paced record and {PacemakerDataset.NegativeVariants} of each unpaced one), fold 9 {Counts(s => s.StratFold == PacemakerDataset.ValidationFold)} (validation, never trained on); fold 10 and MIT-BIH never read",
            Split = "penalty by leave-one-strat_fold-out log-loss over folds 1-8 (originals only scored), threshold on those held-out probabilities (max sensitivity + specificity with specificity >= 0.99), final model on folds 1-8; fold 9 reported untouched",
            Metrics = metrics,
            Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            WeightsFile = Path.GetFileName(weightsPath),
            WeightsSha256 = ModelCard.Sha256(weightsPath),
            Details = new Dictionary<string, string>
            {
                ["features"] = string.Join(",", PacemakerFeatures.Names),
                ["augmentation"] = "lead subsets (12 leads; II+V1; II+V5; II), gain 0.7-1.4 per lead, white noise 10-50 uV, baseline wander 0.1-0.5 Hz up to 0.2 mV, random 6-10 s crop; seed " + PacemakerDataset.Seed,
                ["l2"] = Invariant(cvs[0].L2),
                ["l2_cv_log_loss"] = string.Join(", ", cvs.OrderBy(c => c.L2).Select(c => $"{Invariant(c.L2)}: {c.LogLoss:0.0000}")),
                ["threshold"] = Invariant(model.Threshold),
                ["fold9_counts"] = $"TP {validation.TruePositive}, FP {validation.FalsePositive}, TN {validation.TrueNegative}, FN {validation.FalseNegative}",
                ["intervals"] = "Wilson score 95 %",
                ["training"] = "Newton's method (step halving) on the summed log-likelihood plus l2/2 |w|^2, unweighted classes; weights rounded to 6 decimals",
                ["training_seconds"] = elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture),
                ["reproduce"] = "einthoven train pacemaker DBDIR -o src/Einthoven.Models/Weights",
            },
        };
    }
}
