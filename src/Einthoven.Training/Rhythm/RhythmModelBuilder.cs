using System.Globalization;
using Einthoven.Evaluation.Rhythm;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Rhythm;

namespace Einthoven.Training.Rhythm;

/// <summary>What to build: the model and its training settings, cross-validation folds (0 to skip), a quick-run limit and the card's date.</summary>
public sealed record RhythmBuildOptions
{
    public RhythmTrainingOptions Training { get; init; } = RhythmTrainingOptions.For(RhythmTrainingOptions.ShippedModel);
    public int CrossValidationFolds { get; init; } = 5;

    /// <summary>Only the first records of REFERENCE.csv (quick runs), or all when null.</summary>
    public int? Limit { get; init; }
    public DateOnly Date { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);
}

/// <summary>The saved model's card and the cross-validation measured while building it (null when skipped).</summary>
public sealed record RhythmBuildReport(ModelCard Card, string WeightsPath, string CardPath, RhythmScore? CrossValidation, TimeSpan Elapsed);

/// <summary>
/// Builds the shipped rhythm model from the CinC 2017 training set: prepares every record once, reports stratified
/// k-fold cross-validation, trains the final model on all records, and saves weights and card.
/// </summary>
public static class RhythmModelBuilder
{
    public const string WeightsFile = "rhythm.safetensors", CardFile = "rhythm.card.json";

    /// <param name="progress">Called with a stage ("features", "cross-validation", "train"), units done and units in all.</param>
    public static RhythmBuildReport Build(string databaseDirectory, string outputDirectory, RhythmBuildOptions options,
        Action<string, int, int>? progress = null)
    {
        if (!Directory.Exists(databaseDirectory)) throw new DirectoryNotFoundException($"{databaseDirectory} does not exist");
        if (options.CrossValidationFolds is 1 or < 0) throw new ArgumentOutOfRangeException(nameof(options), options.CrossValidationFolds, "cross-validation folds must be 0 (skip) or at least 2");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var training = options.Training;
        var data = CincDataset.Load(databaseDirectory, options.Limit, (done, total) => progress?.Invoke("features", done, total));
        RhythmScore? cv = options.CrossValidationFolds >= 2
            ? RhythmTraining.CrossValidate(data, options.CrossValidationFolds, training, (done, total) => progress?.Invoke("cross-validation", done, total))
            : null;
        var classifier = RhythmTraining.Train(data, null, training, (done, total) => progress?.Invoke("train", done, total));
        Directory.CreateDirectory(outputDirectory);
        var weightsPath = Path.Combine(outputDirectory, WeightsFile);
        classifier.Save(weightsPath);
        var card = Describe(options, classifier, weightsPath, data.Count, cv, watch.Elapsed);
        var cardPath = Path.Combine(outputDirectory, CardFile);
        card.Save(cardPath);
        return new RhythmBuildReport(card, weightsPath, cardPath, cv, watch.Elapsed);
    }

    private static ModelCard Describe(RhythmBuildOptions options, RhythmClassifier classifier, string weightsPath, int records, RhythmScore? cv, TimeSpan elapsed)
    {
        var t = options.Training;
        var metrics = new Dictionary<string, double>();
        if (cv is not null)
        {
            metrics["cv_score"] = Math.Round(cv.Score, 4);
            for (var c = 0; c < RhythmLabels.All.Length; c++) metrics[$"cv_f1_{RhythmLabels.All[c]}"] = Math.Round(cv.F1(c), 4);
        }
        var mlp = t.Model == RhythmModelKind.Mlp;
        return ModelCard.Describe("einthoven-rhythm", "1", classifier.Network, weightsPath,
            $"PhysioNet/CinC Challenge 2017 training set, {records} single-lead AliveCor records at 300 Hz",
            cv is not null ? $"stratified {options.CrossValidationFolds}-fold cross-validation (seed {t.Seed}); final model on all records" : "no cross-validation; all records",
            metrics, options.Date, new Dictionary<string, string>
            {
                ["model"] = mlp ? "mlp: the features alone"
                    : $"cnn: lead 0 resampled to {RhythmSignal.Rate} Hz, band-passed 0.5-40 Hz, divided by the median 1-s peak; random {RhythmSignal.CropLength}-sample crops in training, the whole record (zero-padded to {RhythmSignal.MinimumLength} if shorter) at inference; pooled conv output joined with the standardised features",
                ["features"] = string.Join(",", RhythmFeatures.Names),
                ["labels"] = string.Join(",", RhythmLabels.All),
                ["epochs"] = t.Epochs.ToString(CultureInfo.InvariantCulture),
                ["training"] = $"AdamW lr {t.LearningRate} (warm-up, cosine), weight decay {t.WeightDecay}, batch {t.BatchSize}, square-rooted balanced class weights"
                    + (mlp ? "" : t.Patience == 0 ? $"; all {t.Epochs} epochs, no early stopping"
                        : $"; early stopping (patience {t.Patience}) on the loss of a stratified 1/{t.ValidationParts} of the training records"),
                ["training_seconds"] = elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture),
                ["reproduce"] = "einthoven train rhythm DBDIR -o src/Einthoven.Models/Weights",
            });
    }
}
