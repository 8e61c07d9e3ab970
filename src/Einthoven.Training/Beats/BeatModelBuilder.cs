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
    /// <summary>The MIT-BIH records trained on (and cross-validated): DS1 for the shipped model.</summary>
    public IReadOnlyList<string> TrainingRecords { get; init; } = DeChazalSplit.Ds1;

    /// <summary>The MIT-BIH records the final model is evaluated on once, for the card: DS2 for the shipped model; none to skip.</summary>
    public IReadOnlyList<string> EvaluationRecords { get; init; } = DeChazalSplit.Ds2;
    public DateOnly Date { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Trained on DS1 and evaluated on DS2, as the shipped model is.</summary>
    public bool IsDeChazalSplit => TrainingRecords.SequenceEqual(DeChazalSplit.Ds1) && EvaluationRecords.SequenceEqual(DeChazalSplit.Ds2);

    /// <summary>The card's name of the training set and of the evaluation set ("ds1", "ds2" for the de Chazal split).</summary>
    internal (string Training, string Evaluation) SetNames => IsDeChazalSplit ? ("ds1", "ds2") : ("training", "evaluation");
}

/// <summary>The saved model's card and everything measured while building it.</summary>
public sealed record BeatBuildReport(ModelCard Card, string CardPath, BeatTrainingResult Training,
    CrossValidationResult? CrossValidation, BeatEvaluationResult? Ds2, TimeSpan Elapsed);

/// <summary>
/// Builds the shipped beat model from MIT-BIH: labels DS1 with the detector, reports record-wise cross-validation on
/// DS1, trains the final ensemble on all of DS1, evaluates it once on DS2, and saves weights and card (other records
/// may stand for DS1 and DS2, e.g. for a small model in tests).
/// </summary>
public static class BeatModelBuilder
{
    public const string WeightsFile = "beats.safetensors";

    /// <summary>The card detail holding the <see cref="TrainingDataFingerprint"/> of the DS1 beats trained on.</summary>
    public const string FingerprintDetail = "ds1_fingerprint";

    /// <param name="progress">Called with a stage name ("load", "cross-validation", "train", "evaluate") and its fraction done.</param>
    public static BeatBuildReport Build(string databaseDirectory, string outputDirectory, BeatBuildOptions options,
        Action<string, double>? progress = null, CancellationToken cancellation = default)
    {
        options.Training.Validate();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ds1 = LoadDs1(databaseDirectory, options, progress);
        var cv = options.CrossValidationFolds > 0 ? CrossValidate(ds1, options, progress, cancellation) : null;
        var trained = BeatTrainer.Train(ds1, options.Training, p => progress?.Invoke("train", p.Fraction), cancellation);
        var training = trained with { Model = trained.Model.WithDecision(cv?.Decision ?? BeatDecisionRule.Identity) };
        BeatEvaluationResult? ds2 = null;
        var evaluation = options.EvaluationRecords;
        if (evaluation.Count > 0)
        {
            var evaluated = 0;
            ds2 = BeatEvaluation.Evaluate(new BeatClassifier(training.Model).Classify, databaseDirectory, evaluation, options.Training.Threads,
                _ => progress?.Invoke("evaluate", (double)Interlocked.Increment(ref evaluated) / evaluation.Count));
        }
        var weightsPath = SaveWeights(training.Model, outputDirectory);
        var card = Describe(options, weightsPath, training, cv, ds2, TrainingDataFingerprint.Of(ds1), Source(options));
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
        if (options.IsDeChazalSplit)
            return ("MIT-BIH Arrhythmia Database 1.0.0 (PhysioNet; Moody and Mark 2001): DS1 for training and cross-validation, DS2 for the report",
                "de Chazal 2004 inter-patient: DS1 = " + string.Join(" ", DeChazalSplit.Ds1) + "; DS2 = " + string.Join(" ", DeChazalSplit.Ds2)
                + "; paced " + string.Join(" ", DeChazalSplit.Paced) + " excluded; model selection by record-wise cross-validation on DS1 only");
        return ("MIT-BIH Arrhythmia Database 1.0.0 (PhysioNet; Moody and Mark 2001): records chosen for this build",
            "training and cross-validation: " + string.Join(" ", options.TrainingRecords)
            + "; evaluation: " + (options.EvaluationRecords.Count > 0 ? string.Join(" ", options.EvaluationRecords) : "none"));
    }

    /// <summary>Only the record-wise cross-validation on DS1 (for choosing options): nothing is saved and DS2 is not read.</summary>
    public static CrossValidationResult CrossValidate(string databaseDirectory, BeatBuildOptions options,
        Action<string, double>? progress = null, CancellationToken cancellation = default)
    {
        if (options.CrossValidationFolds < 2) throw new ArgumentOutOfRangeException(nameof(options), options.CrossValidationFolds, "cross-validation needs at least 2 folds");
        options.Training.Validate();
        return CrossValidate(LoadDs1(databaseDirectory, options, progress), options, progress, cancellation);
    }

    private static IReadOnlyList<LabelledRecord> LoadDs1(string databaseDirectory, BeatBuildOptions options, Action<string, double>? progress)
    {
        var loaded = 0;
        return LabelledRecord.LoadMitBih(databaseDirectory, options.TrainingRecords, options.Training.Threads,
            _ => progress?.Invoke("load", (double)Interlocked.Increment(ref loaded) / options.TrainingRecords.Count));
    }

    private static CrossValidationResult CrossValidate(IReadOnlyList<LabelledRecord> ds1, BeatBuildOptions options,
        Action<string, double>? progress, CancellationToken cancellation)
    {
        var folds = options.CrossValidationFolds;
        var training = options.Training with { EnsembleSize = Math.Min(options.CrossValidationMembers, options.Training.EnsembleSize) };
        return BeatCrossValidation.Run(ds1, folds, training, (f, p) => progress?.Invoke("cross-validation", (f + p.Fraction) / folds), cancellation);
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
            ["decision_rule"] = $"class probabilities (N, S, V, F, Q) multiplied by [{training.Model.Decision.Format()}] and renormalised; "
                + "scales are fitted (S, V and F, to maximise the mean Se and +P of N, S and V) on the DS1 cross-validation's held-out predictions and used only if fitting them improved that mean on held-out folds (all 1: no rule)",
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
            details["cv_metrics"] = "cv_*: held-out predictions decided as the shipped model decides (with its rule if it has one); "
                + "cv_argmax_*: the most probable class; cv_rule_*: each fold with a rule fitted on the other folds' held-out predictions";
        }
        if (ds2 is not null)
        {
            details[$"{evaluationSet}_confusion"] = ds2.Total.Format();
            details[$"{evaluationSet}_use"] = "evaluated once, after training, on beats found by the QRS detector (missed reference beats count against Se, unmatched detections against +P); never used for a choice";
        }
        var member = training.Model.Members[0];
        var card = ModelCard.Describe("beats", "5", member.Morphology, weightsPath, source.Data, source.Split, metrics, options.Date, details);
        return card with
        {
            Architecture = $"{t.EnsembleSize} member(s), each two experts; P(N) = P(N or S | morphology) P(N | rhythm), P(S) likewise\n"
                + $"morphology expert:\n{member.Morphology.Describe()}\nrhythm expert:\n{member.Rhythm.Describe()}",
        };
    }

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
