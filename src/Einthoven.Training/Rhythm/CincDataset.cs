using Einthoven.Models.Rhythm;
using Einthoven.Signal.Formats;

namespace Einthoven.Training.Rhythm;

/// <summary>
/// The records of a CinC 2017 directory (REFERENCE.csv + NAME.hea/.mat) with their labels, features and
/// <see cref="RhythmSignal"/> inputs, each computed once.
/// </summary>
public sealed record CincDataset(string[] Names, int[] Labels, float[] Features, float[][] Signals)
{
    public int Count => Names.Length;

    public float[] Row(int i) => Features.AsSpan(i * RhythmFeatures.Count, RhythmFeatures.Count).ToArray();

    /// <summary>Reads REFERENCE.csv and prepares every listed record in parallel.</summary>
    /// <param name="limit">Only the first records (for quick runs), or all when null.</param>
    /// <param name="progress">(done, total) after each record.</param>
    public static CincDataset Load(string directory, int? limit = null, Action<int, int>? progress = null)
    {
        var reference = Path.Combine(directory, "REFERENCE.csv");
        if (!File.Exists(reference)) throw new FileNotFoundException($"{reference} not found (not a CinC 2017 directory?)", reference);
        var rows = File.ReadLines(reference).Where(l => l.Trim().Length > 0).Select((line, n) =>
        {
            var parts = line.Split(',');
            if (parts.Length != 2) throw new FormatException($"{reference} line {n + 1}: expected NAME,LABEL, got '{line}'");
            return (Name: parts[0].Trim(), Label: RhythmLabels.Index(parts[1]));
        }).Take(limit ?? int.MaxValue).ToArray();
        var features = new float[rows.Length * RhythmFeatures.Count];
        var signals = new float[rows.Length][];
        var done = 0;
        Parallel.For(0, rows.Length, i =>
        {
            var record = RecordFiles.Read(Path.Combine(directory, rows[i].Name + ".hea"));
            var (millivolts, resolution) = RhythmFeatures.Millivolts(record, 0);
            RhythmFeatures.Extract(millivolts, record.Info.SamplingFrequency, resolution).CopyTo(features, i * RhythmFeatures.Count);
            signals[i] = RhythmSignal.Prepare(millivolts, record.Info.SamplingFrequency);
            progress?.Invoke(Interlocked.Increment(ref done), rows.Length);
        });
        return new CincDataset(rows.Select(r => r.Name).ToArray(), rows.Select(r => r.Label).ToArray(), features, signals);
    }
}
