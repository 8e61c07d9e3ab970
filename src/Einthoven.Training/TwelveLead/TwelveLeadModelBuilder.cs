using System.Globalization;
using System.Text.Json;
using Einthoven.Learning.Serialization;
using Einthoven.Learning.Training;
using Einthoven.Models.TwelveLead;

namespace Einthoven.Training.TwelveLead;

/// <summary>The saved model's card, paths and its report on the selection fold.</summary>
public sealed record TwelveLeadBuildReport(ModelCard Card, string WeightsPath, string CardPath, string ReportPath, TwelveLeadReport Report, TimeSpan Elapsed);

/// <summary>
/// Builds the shipped 12-lead statement classifier (<c>einthoven train twelve-lead</c>): reads PTB-XL folds 1-9, trains
/// on folds 1-8, selects, calibrates and sets thresholds on fold 9, and saves weights, card and a JSON report
/// (per-class scores and the reliability diagram's bins). Fold 10 is never read.
/// </summary>
public static class TwelveLeadModelBuilder
{
    public const string WeightsFile = "twelve-lead.safetensors", CardFile = TwelveLeadClassifier.ShippedCardFile,
        ReportFile = "twelve-lead.report.json", Name = "einthoven-twelve-lead", Version = "1";

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <param name="progress">Called with a stage ("records" or "train"), units done and units in all.</param>
    public static TwelveLeadBuildReport Build(string directory, string outputDirectory, TwelveLeadTrainingOptions options, int? limit = null,
        DateOnly? date = null, Action<string, int, int>? progress = null, Action<EpochReport>? epochDone = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var data = TwelveLeadDataset.Load(directory, limit, (done, total) => progress?.Invoke("records", done, total));
        var (classifier, report) = TwelveLeadTraining.Train(data, options, e =>
        {
            progress?.Invoke("train", e.Epoch, e.Epochs);
            epochDone?.Invoke(e);
        });
        Directory.CreateDirectory(outputDirectory);
        var weightsPath = Path.Combine(outputDirectory, WeightsFile);
        classifier.Save(weightsPath);
        var reportPath = Path.Combine(outputDirectory, ReportFile);
        File.WriteAllText(reportPath, JsonSerializer.Serialize(report, Json) + "\n");
        var card = Describe(data, classifier, report, options, weightsPath, date ?? DateOnly.FromDateTime(DateTime.UtcNow), watch.Elapsed);
        var cardPath = Path.Combine(outputDirectory, CardFile);
        card.Save(cardPath);
        return new TwelveLeadBuildReport(card, weightsPath, cardPath, reportPath, report, watch.Elapsed);
    }

    private static ModelCard Describe(TwelveLeadDataset data, TwelveLeadClassifier classifier, TwelveLeadReport report, TwelveLeadTrainingOptions options,
        string weightsPath, DateOnly date, TimeSpan elapsed)
    {
        var metrics = new Dictionary<string, double>
        {
            ["fold9_superclass_macro_auc"] = Math.Round(report.SuperclassMacroAuc, 4),
            ["fold9_superclass_brier"] = Math.Round(report.SuperclassBrier, 4),
            ["fold9_superclass_brier_cross_fitted"] = Math.Round(report.SuperclassBrierCrossFitted, 4),
            ["fold9_superclass_brier_uncalibrated"] = Math.Round(report.SuperclassBrierUncalibrated, 4),
        };
        foreach (var c in report.Classes.Where(c => double.IsFinite(c.Auc))) metrics[$"fold9_auc_{c.Code}"] = Math.Round(c.Auc, 4);
        string Invariant(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
        return ModelCard.Describe(Name, Version, classifier.Network, weightsPath,
            $"PTB-XL 1.0.3 (100 Hz, 12 leads, 10 s), records with a diagnostic superclass: {report.TrainingRecords} of folds 1-8 for training, {report.SelectionRecords} of fold 9 for selection; fold 10 never read",
            $"train folds 1-8; fold 9: epoch selection (best superclass macro AUC: epoch {report.BestEpoch} of {report.EpochsRun}), Platt calibration and per-class thresholds (maximum F1)",
            metrics, date, new Dictionary<string, string>
            {
                ["classes"] = string.Join(", ", data.Classes.Select(c => $"{c.Code} ({c.Description})")),
                ["thresholds"] = string.Join(", ", data.Classes.Select((c, k) => $"{c.Code} {Invariant(classifier.ThresholdValues[k])}")),
                ["input"] = "leads I, II, III, aVR, aVL, aVF, V1-V6 (III and the augmented leads derived from I and II when missing), resampled to 100 Hz, first 10 s, each lead less its median, mV clipped to +-10",
                ["features"] = string.Join(",", TwelveLeadFeatures.Names),
                ["labels"] = "a statement counts at any likelihood (as the PTB-XL benchmark); superclass and subclass from scp_statements.csv",
                ["training"] = $"{options.Epochs} epochs max (patience {options.Patience}), batch {options.BatchSize}, AdamW {options.LearningRate} warm-up + cosine, weight decay {options.WeightDecay}, random {options.Crop}-sample crops, gain 0.8-1.25, 20 uV noise, seed {options.Seed}",
                ["training_seconds"] = elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture),
                ["reproduce"] = "einthoven train twelve-lead DBDIR -o src/Einthoven.Models/Weights",
            });
    }
}
