using System.Globalization;
using Einthoven.Evaluation.Beats;
using Einthoven.Evaluation.Databases;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Beats;

/// <summary>What to build: the training options and how many cross-validation folds to report (0 to skip).</summary>
public sealed record BeatBuildOptions
{
    public BeatTrainingOptions Training { get; init; } = new();
    public int CrossValidationFolds { get; init; } = 5;

    /// <summary>Ensemble members of each cross-validation model (fewer than the final model's, to save time).</summary>
    public int CrossValidationMembers { get; init; } = 1;
    /// <summary>
    /// The MIT-BIH records trained on (and cross-validated): all 44 unpaced records for the shipped model since v7
    /// (DS2 was read nine times as a test set, so it now serves as training data).
    /// </summary>
    public IReadOnlyList<string> TrainingRecords { get; init; } = DeChazalSplit.Unpaced;

    /// <summary>The MIT-BIH records the final model is evaluated on once, for the card: none for the shipped model (DS2 for v1-v5).</summary>
    public IReadOnlyList<string> EvaluationRecords { get; init; } = [];

    /// <summary>
    /// Rates every training record is also resampled to (and detected, cut and labelled again at), so that recordings
    /// of other devices look like training data; cross-validation reports the held-out records at each rate too.
    /// </summary>
    public IReadOnlyList<double> ResampledRates { get; init; } = [128];
    public DateOnly Date { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Trained on DS1 and evaluated on DS2, as the shipped model is.</summary>
    public bool IsDeChazalSplit => TrainingRecords.SequenceEqual(DeChazalSplit.Ds1) && EvaluationRecords.SequenceEqual(DeChazalSplit.Ds2);

    /// <summary>Trained on all 44 unpaced records, as the shipped model is.</summary>
    public bool IsAllUnpaced => TrainingRecords.SequenceEqual(DeChazalSplit.Unpaced);

    /// <summary>The card's name of the training set and of the evaluation set ("ds1", "ds2" for the de Chazal split).</summary>
    internal (string Training, string Evaluation) SetNames => IsDeChazalSplit ? ("ds1", "ds2") : ("training", "evaluation");
}

/// <summary>The saved model's card and everything measured while building it.</summary>
public sealed record BeatBuildReport(ModelCard Card, string CardPath, BeatTrainingResult Training,
    CrossValidationResult? CrossValidation, BeatEvaluationResult? Ds2, TimeSpan Elapsed);

/// <summary>
/// Builds the shipped beat model from MIT-BIH: labels the training records (all 44 unpaced ones, and each resampled
/// to the <see cref="BeatBuildOptions.ResampledRates"/>) with the detector, reports record-wise cross-validation on
/// them, trains the final ensemble on all of them, evaluates it once on the evaluation records if any (DS2 when DS1
/// is trained on, as for v1-v5), and saves weights and card (other records may stand for these, e.g. for a small
/// model in tests).
/// </summary>
public static class BeatModelBuilder
{
    public const string WeightsFile = "beats.safetensors";

    /// <summary>The card detail holding the <see cref="TrainingDataFingerprint"/> of the beats trained on (all 44 records and their resampled copies).</summary>
    public const string FingerprintDetail = "training_fingerprint";

    /// <summary>The model's version on its card (v6 was withdrawn; v7 is the first trained on all 44 records).</summary>
    public const string Version = "7";

    /// <param name="progress">Called with a stage name ("load", "cross-validation", "train", "evaluate") and its fraction done.</param>
    public static BeatBuildReport Build(string databaseDirectory, string outputDirectory, BeatBuildOptions options,
        Action<string, double>? progress = null, CancellationToken cancellation = default)
    {
        options.Training.Validate();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var records = LoadTrainingRecords(databaseDirectory, options, progress);
        var cv = options.CrossValidationFolds > 0 ? CrossValidate(records, options, progress, cancellation) : null;
        var trained = BeatTrainer.Train(records, options.Training, p => progress?.Invoke("train", p.Fraction), cancellation);
        var training = trained with { Model = trained.Model.WithDecision(cv?.Decision ?? BeatDecisionRule.Identity).WithPremature(cv?.Premature ?? PrematureBeatRule.Off) };
        BeatEvaluationResult? ds2 = null;
        var evaluation = options.EvaluationRecords;
        if (evaluation.Count > 0)
        {
            var evaluated = 0;
            ds2 = BeatEvaluation.Evaluate(new BeatClassifier(training.Model).Classify, databaseDirectory, evaluation, options.Training.Threads,
                _ => progress?.Invoke("evaluate", (double)Interlocked.Increment(ref evaluated) / evaluation.Count));
        }
        var weightsPath = SaveWeights(training.Model, outputDirectory);
        var card = Describe(options, weightsPath, training, cv, ds2, TrainingDataFingerprint.Of(records), Source(options));
        var cardPath = Path.Combine(outputDirectory, BeatClassifier.ShippedCardFile);
        card.Save(cardPath);
        return new BeatBuildReport(card, cardPath, training, cv, ds2, watch.Elapsed);
    }

    /// <summary>Saves the ensemble as <see cref="WeightsFile"/> in <paramref name="outputDirectory"/> and gives its path.</summary>
    internal static string SaveWeights(BeatEnsemble model, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var weightsPath = Path.Combine(outputDirectory, WeightsFile);
        model.Save(weightsPath, new Dictionary<string, string> { ["model"] = "beats", ["classes"] = "N,S,V,F,Q" });
        return weightsPath;
    }

    // The card's data and split: the de Chazal split's own words, or the records chosen.
    private static (string Data, string Split) Source(BeatBuildOptions options)
    {
        var rates = options.ResampledRates.Count == 0 ? "" : "; each record also resampled to " + string.Join(", ", options.ResampledRates) + " Hz and trained on there too";
        if (options.IsAllUnpaced && options.EvaluationRecords.Count == 0)
            return ("MIT-BIH Arrhythmia Database 1.0.0 (PhysioNet; Moody and Mark 2001): all 44 unpaced records" + rates,
                "training: " + string.Join(" ", DeChazalSplit.Unpaced) + " (DS1 and DS2; DS2 was the test set of v1-v5 and was read nine times, so it now serves as training data); paced "
                + string.Join(" ", DeChazalSplit.Paced) + " excluded; model selection by record-wise cross-validation over these records, folds by patient (201 and 202 together); no test set in MIT-BIH is left");
        if (options.IsDeChazalSplit)
            return ("MIT-BIH Arrhythmia Database 1.0.0 (PhysioNet; Moody and Mark 2001): DS1 for training and cross-validation, DS2 for the report",
                "de Chazal 2004 inter-patient: DS1 = " + string.Join(" ", DeChazalSplit.Ds1) + "; DS2 = " + string.Join(" ", DeChazalSplit.Ds2)
                + "; paced " + string.Join(" ", DeChazalSplit.Paced) + " excluded; model selection by record-wise cross-validation on DS1 only");
        return ("MIT-BIH Arrhythmia Database 1.0.0 (PhysioNet; Moody and Mark 2001): records chosen for this build" + rates,
            "training and cross-validation: " + string.Join(" ", options.TrainingRecords)
            + "; evaluation: " + (options.EvaluationRecords.Count > 0 ? string.Join(" ", options.EvaluationRecords) : "none"));
    }

    /// <summary>Only the record-wise cross-validation on the training records (for choosing options): nothing is saved and the evaluation records are not read.</summary>
    public static CrossValidationResult CrossValidate(string databaseDirectory, BeatBuildOptions options,
        Action<string, double>? progress = null, CancellationToken cancellation = default)
    {
        if (options.CrossValidationFolds < 2) throw new ArgumentOutOfRangeException(nameof(options), options.CrossValidationFolds, "cross-validation needs at least 2 folds");
        options.Training.Validate();
        return CrossValidate(LoadTrainingRecords(databaseDirectory, options, progress), options, progress, cancellation);
    }

    private static IReadOnlyList<LabelledRecord> LoadTrainingRecords(string databaseDirectory, BeatBuildOptions options, Action<string, double>? progress)
    {
        var loaded = 0;
        return LabelledRecord.LoadMitBih(databaseDirectory, options.TrainingRecords, options.Training.Threads,
            _ => progress?.Invoke("load", (double)Interlocked.Increment(ref loaded) / options.TrainingRecords.Count), options.ResampledRates);
    }

    private static CrossValidationResult CrossValidate(IReadOnlyList<LabelledRecord> records, BeatBuildOptions options,
        Action<string, double>? progress, CancellationToken cancellation)
    {
        var folds = options.CrossValidationFolds;
        var training = options.Training with { EnsembleSize = Math.Min(options.CrossValidationMembers, options.Training.EnsembleSize) };
        return BeatCrossValidation.Run(records, folds, training, (f, p) => progress?.Invoke("cross-validation", (f + p.Fraction) / folds), cancellation);
    }

    /// <summary>The card of a trained beat model; <paramref name="source"/> is what it was trained and evaluated on.</summary>
    internal static ModelCard Describe(BeatBuildOptions options, string weightsPath, BeatTrainingResult training,
        CrossValidationResult? cv, BeatEvaluationResult? ds2, string fingerprint, (string Data, string Split) source)
    {
        var (trainingSet, evaluationSet) = options.SetNames;
        var metrics = new Dictionary<string, double>();
        var ruled = training.Model.Decision.Scales.Any(x => x != 1f);
        if (cv is not null)
        {
            AddMetrics(metrics, "cv", ruled ? cv.PooledWithRule : cv.Pooled);
            AddMetrics(metrics, "cv_argmax", cv.Pooled);
            AddMetrics(metrics, "cv_rule", cv.PooledWithRule);
            if (cv.Decided is { } decided) AddMetrics(metrics, "cv_decided", decided);
            foreach (var rate in cv.ResampledRates) AddMetrics(metrics, $"cv_{Hz(rate)}hz", cv.PooledAt(rate));
        }
        if (ds2 is not null) AddMetrics(metrics, evaluationSet, ds2.Total);
        var t = options.Training;
        var details = new Dictionary<string, string>
        {
            ["classes"] = string.Join(",", AamiMapping.Classes),
            ["input"] = $"leads MLII (or II, else the first) and the next lead, band-pass 0.5-40 Hz zero phase, resampled to {BeatInputLayout.SampleRate} Hz; "
                + $"window {BeatInputLayout.Before} samples before and {BeatInputLayout.After} from the detected R peak; channels: both leads and both minus the local dominant beat (median of the regularly timed beats within +-2.5 min), scaled by the record's dominant QRS amplitude; template features against the local dominant beat",
            ["features"] = string.Join("; ", BeatInputLayout.BeatFeatureNames),
            ["beats"] = "R peaks from Einthoven's QRS detector on lead A, matched to the .atr reference (EC57, 150 ms) for labels",
            ["ensemble_members"] = t.EnsembleSize.ToString(CultureInfo.InvariantCulture),
            ["training"] = $"AdamW lr {t.LearningRate} (warm-up, cosine), weight decay {t.WeightDecay}, dropout {t.Dropout}, {t.Epochs} epochs, batch {t.BatchSize}, "
                + $"class weights (n / (k n_c))^{t.ClassWeightPower}, at most {t.MaxClassWeightRatio} x the lightest, the lightest for classes under {t.MinBeatsToWeightUp} beats: morphology (N+S, V, F, Q) [{Join(training.MorphologyWeights)}], rhythm (N, S) [{Join(training.RhythmWeights)}]; "
                + $"rhythm expert {t.RhythmEpochs} epochs; "
                + $"synthetic irregular-rhythm N beats {t.IrregularRhythmFraction} x the N beats (rhythm expert); augmentation {t.Augmentation}, seed {t.Seed}",
            ["premature_beat_rule"] = $"after the class scales, a beat called N becomes S (N and S probabilities swapped) when pre-RR / local RR and pre-RR / previous pre-RR are both at most "
                + "the first value, the local RR irregularity at most the second, the QRS correlation with the local dominant beat (lead A) at least the third and the P-wave stretch's correlation at most the fourth: "
                + $"{training.Model.Premature.Format()}; fitted on the cross-validation's held-out predictions (all rates) and kept only if fitting it on the other folds improved the held-out mean Se and +P of N, S and V",
            ["decision_rule"] = $"class probabilities (N, S, V, F, Q) multiplied by [{training.Model.Decision.Format()}] and renormalised; "
                + "scales are fitted (S, V and F, to maximise the mean Se and +P of N, S and V) on the cross-validation's held-out predictions and used only if fitting them improved that mean on held-out folds (all 1: no rule)",
            [$"{trainingSet}_beats"] = string.Join(", ", AamiMapping.Classes.Select(c => $"{c} {training.ClassCounts[(int)c]}")),
            [$"{trainingSet}_fingerprint"] = fingerprint,
            ["training_seconds"] = training.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture),
        };
        if (cv is not null)
        {
            details["cv_folds"] = string.Join(" | ", cv.Folds.Select(f => string.Join(" ", f)));
            details["cv_models"] = $"{Math.Min(options.CrossValidationMembers, t.EnsembleSize)} member(s) per fold, other options as the final model";
            details["cv_confusion"] = (ruled ? cv.PooledWithRule : cv.Pooled).Format();
            details["cv_confusion_rule"] = cv.PooledWithRule.Format();
            if (cv.Decided is { } decided) details["cv_confusion_decided"] = decided.Format();
            foreach (var rate in cv.ResampledRates) details[$"cv_{Hz(rate)}hz_confusion"] = cv.PooledAt(rate).Format();
            details["cv_metrics"] = "cv_*: held-out predictions decided as the shipped model decides (with its rule if it has one); "
                + "cv_argmax_*: the most probable class; cv_rule_*: each fold with a rule fitted on the other folds' held-out predictions; "
                + "cv_decided_*: each fold with the class scales and the premature-beat rule (as chosen) fitted on the other folds; "
                + "cv_<rate>hz_*: the held-out records resampled to that rate (detected and cut there), decided likewise; "
                + "all without the agreement with the rhythm and the adaptation to the patient (docs/BENCHMARKS.md has those)";
        }
        if (ds2 is not null)
        {
            details[$"{evaluationSet}_confusion"] = ds2.Total.Format();
            details[$"{evaluationSet}_use"] = "evaluated once, after training, on beats found by the QRS detector (missed reference beats count against Se, unmatched detections against +P); never used for a choice";
        }
        var member = training.Model.Members[0];
        var card = ModelCard.Describe("beats", Version, member.Morphology, weightsPath, source.Data, source.Split, metrics, options.Date, details);
        return card with
        {
            Architecture = $"{t.EnsembleSize} member(s), each two experts; P(N) = P(N or S | morphology) P(N | rhythm), P(S) likewise\n"
                + $"morphology expert:\n{member.Morphology.Describe()}\nrhythm expert:\n{member.Rhythm.Describe()}",
        };
    }

    private static string Hz(double rate) => rate.ToString("0", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<float> values) => string.Join(", ", values.Select(w => w.ToString("0.###", CultureInfo.InvariantCulture)));

    internal static void AddMetrics(Dictionary<string, double> metrics, string prefix, ConfusionMatrix m)
    {
        metrics[$"{prefix}_accuracy"] = Round(m.Accuracy);
        foreach (var c in AamiMapping.Classes.Where(c => c != AamiClass.Q))
        {
            metrics[$"{prefix}_{c}_se"] = Round(m.Sensitivity(c));
            metrics[$"{prefix}_{c}_ppv"] = Round(m.PositivePredictivity(c));
        }
    }

    private static double Round(double x) => double.IsFinite(x) ? Math.Round(x, 4) : 0;
}
