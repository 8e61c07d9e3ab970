using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Rhythm;
using Einthoven.Models.Analysis;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Formats;

namespace Einthoven.Training.Rhythm;

/// <summary>
/// The PTB-XL records the 12-lead rhythm head learns from and is checked on: every unpaced record of folds 1-9 (the
/// records <see cref="PtbXlRhythmCheck"/> reads; fold 10 is never read), each with its target from the rhythm statements
/// (<see cref="Target"/>), its <see cref="RestingRhythmFeatures"/> and the CinC model's mean probabilities over its
/// readable leads, computed once.
/// </summary>
public sealed record RestingRhythmDataset(IReadOnlyList<PtbXlEntry> Entries, int?[] Targets, double[][] Features, double[][] CincMeans)
{
    /// <summary>Statements of an organised rhythm other than sinus: the head's O.</summary>
    public static readonly IReadOnlyList<string> OtherRhythms = ["SVTAC", "PSVT", "BIGU", "TRIGU", "SVARR"];

    public int Count => Entries.Count;

    /// <summary>
    /// The head's class (index into <see cref="RestingRhythmHead.Classes"/>) from a record's rhythm statements:
    /// fibrillation or flutter (AFIB, AFLT) is A, as MIT-BIH's check counts flutter called AF as agreement and the
    /// analysis treats both alike; another organised rhythm (SVTAC, PSVT, BIGU, TRIGU, SVARR) is O; sinus at any rate
    /// (SR, STACH, SBRAD, SARRH) is N; paced (PACE) or no rhythm statement, null (not learnt from).
    /// </summary>
    public static int? Target(PtbXlEntry e)
    {
        bool Any(IEnumerable<string> codes) => codes.Any(e.ScpCodes.ContainsKey);
        if (e.Pacemaker || e.ScpCodes.ContainsKey("PACE")) return null;
        if (Any(["AFIB", "AFLT"])) return Class("A");
        if (Any(OtherRhythms)) return Class("O");
        if (Any(PtbXlRhythmCheck.SinusRhythms)) return Class("N");
        return null;
    }

    private static int Class(string label) => Array.IndexOf(RestingRhythmHead.Classes, label);

    /// <summary>Reads the records and computes their inputs in parallel with the CinC model alone (no head).</summary>
    /// <param name="limit">Only the first records by ecg_id (quick runs), or all when null.</param>
    /// <param name="progress">(done, total) after each record.</param>
    public static RestingRhythmDataset Load(string directory, int? limit = null, Action<int, int>? progress = null)
    {
        var cinc = RecordRhythm.LoadShippedWithoutHead();
        var entries = PtbXlRhythmCheck.Entries(directory).Take(limit ?? int.MaxValue).ToList();
        var features = new double[entries.Count][];
        var means = new double[entries.Count][];
        var done = 0;
        Parallel.For(0, entries.Count, i =>
        {
            var record = RecordFiles.Read(entries[i].HeaderPath);
            (features[i], means[i]) = cinc.RestingInputs(record)
                ?? throw new InvalidDataException($"{entries[i].HeaderPath} is not a resting ECG of at least {RecordRhythm.MinimumSeconds} s");
            progress?.Invoke(Interlocked.Increment(ref done), entries.Count);
        });
        return new RestingRhythmDataset(entries, entries.Select(Target).ToArray(), features, means);
    }
}
