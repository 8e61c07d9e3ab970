using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Databases;

/// <summary>The records of a MIT-BIH style database (a directory of .hea/.dat/.atr files) with their reference beat annotations.</summary>
public static class MitBihBeats
{
    public const string Annotator = "atr";

    /// <summary>Reads each named record with its reference annotations and maps it, in parallel; results in the order given.</summary>
    public static T[] ForEachRecord<T>(string databaseDirectory, IReadOnlyList<string> records, int threads,
        Func<EcgRecord, IReadOnlyList<Annotation>, T> map)
    {
        if (!Directory.Exists(databaseDirectory)) throw new DirectoryNotFoundException($"MIT-BIH directory not found: {databaseDirectory}");
        var result = new T[records.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, records.Count, parallel, i =>
        {
            var path = Path.Combine(databaseDirectory, records[i]);
            var record = RecordFiles.Read(path);
            if (!record.Annotations.TryGetValue(Annotator, out var annotations))
                throw new SignalFormatException(path, Annotator, "the record has no reference beat annotations (.atr)");
            result[i] = map(record, annotations);
        });
        return result;
    }
}
