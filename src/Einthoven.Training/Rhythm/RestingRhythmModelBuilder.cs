using System.Globalization;
using Einthoven.Evaluation.Rhythm;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Rhythm;

namespace Einthoven.Training.Rhythm;

/// <summary>The saved head's card and the cross-validation of every penalty tried (the chosen one first).</summary>
public sealed record RestingRhythmBuildReport(ModelCard Card, string WeightsPath, string CardPath, IReadOnlyList<RestingRhythmCrossValidation> CrossValidation, TimeSpan Elapsed);

/// <summary>
/// Builds the shipped 12-lead rhythm head from PTB-XL folds 1-9 (<c>einthoven train rhythm-resting</c>): computes every
/// record's inputs once, cross-validates each penalty leaving one fold out, fits the chosen one on all labelled
/// records of folds 1-9, and saves weights and card. Fold 10 is never read.
/// </summary>
public static class RestingRhythmModelBuilder
{
    public const string WeightsFile = "rhythm-resting.json", CardFile = RestingRhythmHead.ShippedCardFile, Name = "einthoven-rhythm-resting", Version = "1";

    /// <param name="limit">Only the first records by ecg_id (quick runs), or all when null.</param>
    /// <param name="progress">Called with a stage ("features", "cross-validation", "train"), units done and units in all.</param>
    public static RestingRhythmBuildReport Build(string directory, string outputDirectory, int? limit = null, DateOnly? date = null,
        Action<string, int, int>? progress = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var data = RestingRhythmDataset.Load(directory, limit, (done, total) => progress?.Invoke("features", done, total));
        return Build(data, outputDirectory, date, progress, watch);
    }

    /// <summary>Builds from records already read (<see cref="RestingRhythmDataset.Load"/>).</summary>
    public static RestingRhythmBuildReport Build(RestingRhythmDataset data, string outputDirectory, DateOnly? date = null,
        Action<string, int, int>? progress = null, System.Diagnostics.Stopwatch? watch = null)
    {
        watch ??= System.Diagnostics.Stopwatch.StartNew();
        var cv = RestingRhythmTraining.CrossValidateGrid(data, (done, total) => progress?.Invoke("cross-validation", done, total));
        var head = RestingRhythmTraining.Fit(data, Enumerable.Range(0, data.Count).ToArray(), cv[0].L2);
        progress?.Invoke("train", 1, 1);
        Directory.CreateDirectory(outputDirectory);
        var weightsPath = Path.Combine(outputDirectory, WeightsFile);
        head.Save(weightsPath);
        var card = Describe(data, cv, weightsPath, date ?? DateOnly.FromDateTime(DateTime.UtcNow), watch.Elapsed);
        var cardPath = Path.Combine(outputDirectory, CardFile);
        card.Save(cardPath);
        return new RestingRhythmBuildReport(card, weightsPath, cardPath, cv, watch.Elapsed);
    }

    /// <summary>The card's metric name for a group of <see cref="PtbXlRhythmCheck"/>: the share of it called AF, or called N for sinus groups.</summary>
    public static (string Metric, string Label) MetricOf(PtbXlRhythmGroup group)
    {
        var sinus = group.Name.StartsWith("sinus", StringComparison.Ordinal) || PtbXlRhythmCheck.SinusRhythms.Any(s => group.Name.StartsWith(s + ",", StringComparison.Ordinal));
        var key = group.Name.Split(',')[0].Replace(' ', '_').ToLowerInvariant();
        return sinus ? ($"cv_{key}_called_N", "N") : ($"cv_{key}_called_A", "A");
    }

    private static ModelCard Describe(RestingRhythmDataset data, IReadOnlyList<RestingRhythmCrossValidation> cv, string weightsPath, DateOnly date, TimeSpan elapsed)
    {
        var chosen = cv[0];
        // A group without records (in a quick run) has no share to report.
        var metrics = chosen.Groups.Where(g => g.Records > 0).Select(g => (Metric: MetricOf(g), g)).ToDictionary(x => x.Metric.Metric, x => Math.Round(x.g.Fraction(x.Metric.Label), 4));
        metrics["cv_log_loss"] = Math.Round(chosen.LogLoss, 4);
        var counts = RestingRhythmHead.Classes.Select((c, k) => $"{c} {data.Targets.Count(t => t == k)}");
        string Invariant(double x) => x.ToString(CultureInfo.InvariantCulture);
        return new ModelCard
        {
            Name = Name,
            Version = Version,
            Architecture = $"multinomial logistic regression: {RestingRhythmFeatures.Count} standardised features (clipped at +-6) -> {string.Join(", ", RestingRhythmHead.Classes)}; ~ stays the CinC model's mean over the readable leads",
            Data = $"PTB-XL 1.0.3 strat_folds 1-9 present here (100 Hz, 12 leads, 10 s): {data.Count} unpaced records, {data.Targets.Count(t => t is not null)} with a rhythm target ({string.Join(", ", counts)}); fold 10 never read",
            Split = $"leave-one-strat_fold-out cross-validation over folds 1-9 ({LeaveOneFoldOutCount(data)} folds); penalty chosen by its cross-validated log-loss; final head on all labelled records of folds 1-9",
            Metrics = metrics,
            Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            WeightsFile = Path.GetFileName(weightsPath),
            WeightsSha256 = ModelCard.Sha256(weightsPath),
            Details = new Dictionary<string, string>
            {
                ["features"] = string.Join(",", RestingRhythmFeatures.Names),
                ["targets"] = "AFIB or AFLT -> A (flutter counts as AF, as in the MIT-BIH check); SVTAC, PSVT, BIGU, TRIGU, SVARR -> O; SR, STACH, SBRAD, SARRH -> N; paced or no rhythm statement: not learnt from",
                ["l2"] = Invariant(chosen.L2),
                ["l2_cv_log_loss"] = string.Join(", ", cv.OrderBy(r => r.L2).Select(r => $"{Invariant(r.L2)}: {r.LogLoss:0.0000}")),
                ["training"] = "Newton's method (step halving) on the summed log-likelihood plus l2/2 |W|^2, unweighted classes; weights rounded to 6 decimals",
                ["cinc_model"] = "einthoven-rhythm 1 (rhythm.card.json) on every lead at 300 Hz",
                ["training_seconds"] = elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture),
                ["reproduce"] = "einthoven train rhythm-resting DBDIR -o src/Einthoven.Models/Weights",
            },
        };
    }

    private static int LeaveOneFoldOutCount(RestingRhythmDataset data) => data.Entries.Select(e => e.StratFold).Distinct().Count();
}
