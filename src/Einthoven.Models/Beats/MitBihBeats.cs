using Einthoven.Signal.Formats;

namespace Einthoven.Models.Beats;

/// <summary>Labelled beats of MIT-BIH Arrhythmia records (from a directory of .hea/.dat/.atr files).</summary>
public static class MitBihBeats
{
    public const string Annotator = "atr";

    /// <summary>Reads, detects and labels the named records, in parallel; the result is in the order given.</summary>
    public static IReadOnlyList<LabelledRecord> Load(string databaseDirectory, IReadOnlyList<string> records, int threads = 0,
        Action<string>? recordLoaded = null)
    {
        if (!Directory.Exists(databaseDirectory)) throw new DirectoryNotFoundException($"MIT-BIH directory not found: {databaseDirectory}");
        var result = new LabelledRecord[records.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, records.Count, parallel, i =>
        {
            var record = RecordFiles.Read(Path.Combine(databaseDirectory, records[i]));
            if (!record.Annotations.TryGetValue(Annotator, out var annotations))
                throw new Einthoven.Signal.Records.SignalFormatException(Path.Combine(databaseDirectory, records[i]), Annotator, "the record has no reference beat annotations (.atr)");
            result[i] = LabelledRecord.Create(record, LabelledRecord.ReferenceBeats(annotations));
            recordLoaded?.Invoke(records[i]);
        });
        return result;
    }
}
