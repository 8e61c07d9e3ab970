using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Pacing;
using Einthoven.Models.Pacemaker;
using Einthoven.Signal.Formats;

namespace Einthoven.Evaluation.Pacemaker;

/// <summary>One record's truth and the detector's verdict.</summary>
public sealed record PacemakerOutcome(string Record, int? StratFold, bool Paced, PacemakerVerdict Verdict);

/// <summary>A named set of records scored: the counts with sensitivity and specificity and their 95 % Wilson intervals.</summary>
public sealed record PacemakerScore(string Set, BinaryScore Score);

/// <summary>
/// The pacemaker detector (<see cref="PacemakerDetector"/>) against the truth, per record: on PTB-XL the pacemaker
/// column, reported per set (folds 1-8, the training folds; fold 9, the validation fold the model never learnt from),
/// on MIT-BIH the records whose header says paced (102, 104, 107, 217), out of domain (360 Hz, 2 leads, 30 min).
/// </summary>
public static class PacemakerEvaluation
{
    /// <summary>The labelled records of a MIT-BIH folder (RECORDS) or a PTB-XL folder (ptbxl_database.csv; folds 1-9), with their fold (null on MIT-BIH).</summary>
    public static IReadOnlyList<(string Name, string Path, bool Paced, int? Fold)> Records(string directory) =>
        File.Exists(Path.Combine(directory, "ptbxl_database.csv"))
            ? PtbXlIndex.Load(directory).Select(e => (e.EcgId.ToString(), e.HeaderPath, e.Pacemaker, (int?)e.StratFold)).ToArray()
            : PacingEvaluation.Records(directory).Select(r => (r.Name, r.Path, r.Paced, (int?)null)).ToArray();

    /// <param name="progress">(done, total) after each record.</param>
    public static IReadOnlyList<PacemakerOutcome> Run(PacemakerDetector detector, IReadOnlyList<(string Name, string Path, bool Paced, int? Fold)> records,
        Action<int, int>? progress = null, int parallelism = 1)
    {
        var outcomes = new PacemakerOutcome[records.Count];
        var done = 0;
        Parallel.For(0, records.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var (name, path, paced, fold) = records[i];
            outcomes[i] = new PacemakerOutcome(name, fold, paced, detector.Detect(RecordFiles.Read(path)));
            progress?.Invoke(Interlocked.Increment(ref done), records.Count);
        });
        return outcomes;
    }

    /// <summary>The sets reported: on PTB-XL folds 1-8 and fold 9; on MIT-BIH all records.</summary>
    public static IReadOnlyList<PacemakerScore> Score(IReadOnlyList<PacemakerOutcome> outcomes)
    {
        static BinaryScore Of(IEnumerable<PacemakerOutcome> o) => BinaryScore.Of(o.Select(x => (x.Paced, x.Verdict.Paced)));
        if (outcomes.All(o => o.StratFold is null)) return [new PacemakerScore("MIT-BIH (out of domain)", Of(outcomes))];
        return
        [
            new PacemakerScore("PTB-XL folds 1-8 (training)", Of(outcomes.Where(o => o.StratFold is >= 1 and <= 8))),
            new PacemakerScore("PTB-XL fold 9 (validation)", Of(outcomes.Where(o => o.StratFold == 9))),
        ];
    }
}
