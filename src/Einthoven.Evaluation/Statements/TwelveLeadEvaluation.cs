using Einthoven.Evaluation.Databases;
using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Formats;

namespace Einthoven.Evaluation.Statements;

/// <summary>A 12-lead model's scores on PTB-XL records: every class, the superclasses' macro AUC and Brier score, and their reliability bins.</summary>
public sealed record TwelveLeadScore(string Model, IReadOnlyList<int> Folds, int Records, IReadOnlyList<ClassScore> Classes, double SuperclassMacroAuc,
    double SuperclassBrier, IReadOnlyDictionary<string, IReadOnlyList<ReliabilityBin>> Reliability);

/// <summary>
/// Scores a 12-lead model end to end (files read, leads prepared, measured and classified as in production) on the PTB-XL
/// records of the folds given that have a diagnostic superclass, against their statements at any likelihood, as the
/// PTB-XL benchmark counts them. A class the database cannot label (not an SCP code, subclass or superclass) is skipped.
/// </summary>
public static class TwelveLeadEvaluation
{
    public static TwelveLeadScore Run(ITwelveLeadClassifier classifier, string directory, IReadOnlyCollection<int> folds, Action<int, int>? progress = null)
    {
        var statements = PtbXlStatements.Load(directory);
        var entries = PtbXlIndex.Load(directory).Where(e => folds.Contains(e.StratFold) && PtbXlStatements.SuperclassesOf(e, statements).Count > 0).ToArray();
        var predictions = new TwelveLeadPrediction[entries.Length];
        var done = 0;
        Parallel.For(0, entries.Length, i =>
        {
            predictions[i] = classifier.Classify(RecordFiles.Read(entries[i].HeaderPath));
            progress?.Invoke(Interlocked.Increment(ref done), entries.Length);
        });
        var scores = new List<ClassScore>();
        var reliability = new Dictionary<string, IReadOnlyList<ReliabilityBin>>();
        for (var k = 0; k < classifier.Classes.Count; k++)
        {
            var code = classifier.Classes[k];
            if (Truth(code, statements) is not { } truth) continue;
            var p = predictions.Select(x => x.Statements[k].Probability).ToArray();
            var y = entries.Select(truth).ToArray();
            scores.Add(StatementScores.Score(code, p, y, classifier.Thresholds[k]));
            if (PtbXlStatements.Superclasses.Contains(code)) reliability[code] = StatementScores.Reliability(p, y);
        }
        var super = scores.Where(s => PtbXlStatements.Superclasses.Contains(s.Code)).ToArray();
        return new TwelveLeadScore(classifier.Version, folds.Order().ToArray(), entries.Length, scores,
            super.Length == 0 ? double.NaN : super.Average(s => s.Auc), super.Length == 0 ? double.NaN : super.Average(s => s.Brier), reliability);
    }

    private static Func<PtbXlEntry, bool>? Truth(string code, IReadOnlyDictionary<string, ScpStatement> statements)
    {
        if (PtbXlStatements.Superclasses.Contains(code)) return e => PtbXlStatements.SuperclassesOf(e, statements).Contains(code);
        if (statements.Values.Any(s => s.DiagnosticSubclass == code)) return e => PtbXlStatements.SubclassesOf(e, statements).Contains(code);
        if (statements.ContainsKey(code)) return e => e.ScpCodes.ContainsKey(code);
        return null;
    }
}
