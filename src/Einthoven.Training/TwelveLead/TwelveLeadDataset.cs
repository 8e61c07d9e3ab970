using Einthoven.Evaluation.Databases;
using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Formats;

namespace Einthoven.Training.TwelveLead;

/// <summary>
/// PTB-XL records (folds 1-9; fold 10 is never read) with at least one diagnostic superclass, as the PTB-XL benchmark
/// keeps them, each with its prepared 12-lead signal, its <see cref="TwelveLeadFeatures"/> and its targets: the five
/// superclasses, then the diagnostic subclasses and rhythm statements frequent enough in folds 1-8 to learn.
/// A statement counts at any likelihood, as the benchmark counts it.
/// </summary>
public sealed record TwelveLeadDataset(IReadOnlyList<PtbXlEntry> Entries, IReadOnlyList<StatementClass> Classes, float[][] Signals,
    float[][] Features, bool[][] Targets)
{
    public const int MinimumSubclassPositives = 40, MinimumRhythmPositives = 30;

    public int Count => Entries.Count;

    public IReadOnlyList<int> Rows(Func<int, bool> fold) => Enumerable.Range(0, Count).Where(i => fold(Entries[i].StratFold)).ToArray();

    /// <summary>Reads the records and computes their inputs in parallel.</summary>
    /// <param name="limit">Only the first records by ecg_id (quick runs), or all when null.</param>
    /// <param name="progress">(done, total) after each record.</param>
    public static TwelveLeadDataset Load(string directory, int? limit = null, Action<int, int>? progress = null)
    {
        var statements = PtbXlStatements.Load(directory);
        var entries = PtbXlIndex.Load(directory).Where(e => PtbXlStatements.SuperclassesOf(e, statements).Count > 0).Take(limit ?? int.MaxValue).ToList();
        var classes = ChooseClasses(entries, statements);
        var signals = new float[entries.Count][];
        var features = new float[entries.Count][];
        var done = 0;
        Parallel.For(0, entries.Count, i =>
        {
            var record = RecordFiles.Read(entries[i].HeaderPath);
            var prepared = TwelveLeadInput.Prepare(record, TwelveLeadInput.StandardLeads, TwelveLeadNetwork.RateHz, TwelveLeadNetwork.Length);
            signals[i] = TwelveLeadClassifier.PrepareSignal(prepared.Values);
            features[i] = TwelveLeadFeatures.Of(prepared, record.Info.Name);
            progress?.Invoke(Interlocked.Increment(ref done), entries.Count);
        });
        var targets = entries.Select(e => TargetsOf(e, classes, statements)).ToArray();
        return new TwelveLeadDataset(entries, classes, signals, features, targets);
    }

    /// <summary>Whether each class holds for a record.</summary>
    public static bool[] TargetsOf(PtbXlEntry entry, IReadOnlyList<StatementClass> classes, IReadOnlyDictionary<string, ScpStatement> statements)
    {
        var super = PtbXlStatements.SuperclassesOf(entry, statements);
        var sub = PtbXlStatements.SubclassesOf(entry, statements);
        return classes.Select((c, k) => k < PtbXlStatements.Superclasses.Count ? super.Contains(c.Code)
            : sub.Contains(c.Code) || (statements.TryGetValue(c.Code, out var s) && s.Rhythm && entry.ScpCodes.ContainsKey(c.Code))).ToArray();
    }

    /// <summary>The superclasses, then subclasses and rhythm statements with enough positives in the training folds 1-8.</summary>
    private static IReadOnlyList<StatementClass> ChooseClasses(IReadOnlyList<PtbXlEntry> entries, IReadOnlyDictionary<string, ScpStatement> statements)
    {
        var training = entries.Where(e => e.StratFold <= 8).ToArray();
        var classes = PtbXlStatements.Superclasses.Select(c => new StatementClass(c, Describe(c, statements))).ToList();
        var subclasses = training.SelectMany(e => PtbXlStatements.SubclassesOf(e, statements)).CountBy(c => c)
            .Where(kv => kv.Value >= MinimumSubclassPositives && !PtbXlStatements.Superclasses.Contains(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal);
        classes.AddRange(subclasses.Select(kv => new StatementClass(kv.Key, Describe(kv.Key, statements))));
        var rhythms = training.SelectMany(e => e.ScpCodes.Keys.Where(k => statements.TryGetValue(k, out var s) && s.Rhythm)).CountBy(c => c)
            .Where(kv => kv.Value >= MinimumRhythmPositives).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal);
        classes.AddRange(rhythms.Select(kv => new StatementClass(kv.Key, Describe(kv.Key, statements))));
        return classes;
    }

    // PTB-XL names its superclasses and subclasses by code only (Wagner et al. 2020, table 2, gives their meaning).
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["NORM"] = "Normal ECG", ["MI"] = "Myocardial infarction", ["STTC"] = "ST/T change", ["CD"] = "Conduction disturbance",
        ["HYP"] = "Hypertrophy", ["AMI"] = "Anterior myocardial infarction", ["IMI"] = "Inferior myocardial infarction",
        ["LMI"] = "Lateral myocardial infarction", ["PMI"] = "Posterior myocardial infarction",
        ["LAFB/LPFB"] = "Left anterior or posterior fascicular block", ["LVH"] = "Left ventricular hypertrophy",
        ["RVH"] = "Right ventricular hypertrophy", ["IRBBB"] = "Incomplete right bundle branch block",
        ["CRBBB"] = "Complete right bundle branch block", ["CLBBB"] = "Complete left bundle branch block",
        ["ILBBB"] = "Incomplete left bundle branch block", ["ISC_"] = "Non-specific ischaemia", ["NST_"] = "Non-specific ST changes",
        ["IVCD"] = "Non-specific intraventricular conduction disturbance", ["_AVB"] = "Atrioventricular block",
        ["ISCA"] = "Ischaemia in anterolateral leads", ["ISCI"] = "Ischaemia in inferior leads", ["WPW"] = "Wolff-Parkinson-White syndrome",
        ["LAO/LAE"] = "Left atrial overload or enlargement", ["RAO/RAE"] = "Right atrial overload or enlargement", ["SEHYP"] = "Septal hypertrophy",
    };

    private static string Describe(string code, IReadOnlyDictionary<string, ScpStatement> statements) =>
        Names.TryGetValue(code, out var name) ? name
        : statements.TryGetValue(code, out var s) && s.Description.Length > 0 ? char.ToUpperInvariant(s.Description[0]) + s.Description[1..]
        : code;
}
