using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Statistics;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Formats;

namespace Einthoven.Evaluation.Pacing;

/// <summary>Confusion counts of a per-record yes/no decision.</summary>
public sealed record BinaryScore(int TruePositive, int FalsePositive, int TrueNegative, int FalseNegative)
{
    public int Total => TruePositive + FalsePositive + TrueNegative + FalseNegative;
    public double Accuracy => Total == 0 ? 0 : (double)(TruePositive + TrueNegative) / Total;
    public double Sensitivity => TruePositive + FalseNegative == 0 ? 0 : (double)TruePositive / (TruePositive + FalseNegative);
    public double Specificity => TrueNegative + FalsePositive == 0 ? 0 : (double)TrueNegative / (TrueNegative + FalsePositive);

    /// <summary>95 % Wilson interval of <see cref="Sensitivity"/>.</summary>
    public WilsonInterval SensitivityInterval => WilsonInterval.Of(TruePositive, TruePositive + FalseNegative);

    /// <summary>95 % Wilson interval of <see cref="Specificity"/>.</summary>
    public WilsonInterval SpecificityInterval => WilsonInterval.Of(TrueNegative, TrueNegative + FalsePositive);

    /// <summary>The counts of (truth, decision) pairs.</summary>
    public static BinaryScore Of(IEnumerable<(bool Truth, bool Decision)> pairs)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        foreach (var (truth, decision) in pairs)
            _ = (truth, decision) switch { (true, true) => tp++, (false, true) => fp++, (false, false) => tn++, (true, false) => fn++ };
        return new BinaryScore(tp, fp, tn, fn);
    }
}

/// <summary>One record's truth and decision, and the pacing spikes reported.</summary>
public sealed record PacingOutcome(string Record, bool Paced, bool Detected, double PacedBeatFraction, int SpikeCount);

/// <summary>
/// The paced-rhythm decision of <see cref="RecordAnalyzer"/> against the truth: on MIT-BIH the records whose header
/// says they are paced (102, 104, 107, 217), on PTB-XL a non-empty pacemaker column. The annotations are never read.
/// </summary>
public static class PacingEvaluation
{
    public static readonly IReadOnlySet<string> MitDbPaced = new HashSet<string> { "102", "104", "107", "217" };

    /// <summary>The labelled records of a MIT-BIH folder (with its RECORDS file) or a PTB-XL folder (with ptbxl_database.csv).</summary>
    public static IReadOnlyList<(string Name, string Path, bool Paced)> Records(string directory)
    {
        if (File.Exists(Path.Combine(directory, "ptbxl_database.csv")))
            return PtbXlIndex.Load(directory).Select(e => (e.EcgId.ToString(), e.HeaderPath, e.Pacemaker)).ToArray();
        if (!DatabaseRecords.Exists(directory))
            throw new FileNotFoundException($"{directory} has neither ptbxl_database.csv nor a RECORDS file", Path.Combine(directory, DatabaseRecords.ListFile));
        return DatabaseRecords.Read(directory).Select(n => (n, Path.Combine(directory, n), MitDbPaced.Contains(n))).ToArray();
    }

    public static IReadOnlyList<PacingOutcome> Run(IReadOnlyList<(string Name, string Path, bool Paced)> records, Action<int, int>? progress = null)
    {
        var outcomes = new List<PacingOutcome>(records.Count);
        foreach (var (name, path, paced) in records)
        {
            var report = RecordAnalyzer.Analyze(RecordFiles.Read(path));
            outcomes.Add(new PacingOutcome(name, paced, report.Pacing.PacedRhythm, report.Pacing.PacedBeatFraction, report.Pacing.SpikeCount));
            progress?.Invoke(outcomes.Count, records.Count);
        }
        return outcomes;
    }

    public static BinaryScore Score(IEnumerable<PacingOutcome> outcomes) => BinaryScore.Of(outcomes.Select(o => (o.Paced, o.Detected)));
}
