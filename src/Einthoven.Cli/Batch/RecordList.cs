using Einthoven.Signal.Formats;

namespace Einthoven.Cli.Batch;

/// <summary>
/// The records a record-taking command was given: each argument is a record (a path, for WFDB with or without .hea),
/// a directory (the records its RECORDS list names, else every record file in it), or a RECORDS list itself, as
/// WFDB's tools and PhysioNet's databases have them. Shared with the native front binary: signal library only.
/// </summary>
public static class RecordList
{
    public const string ListFile = "RECORDS";

    /// <summary>More records than one process takes at once: a bound, so that a wrong directory fails early.</summary>
    public const int MaxRecords = 100_000;

    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments)
    {
        var records = new List<string>();
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument)) records.AddRange(InDirectory(argument));
            else if (Path.GetFileName(argument) == ListFile && File.Exists(argument)) records.AddRange(Listed(argument));
            else records.Add(argument);
            if (records.Count > MaxRecords) throw new CliUsageException($"more than {MaxRecords} records given; run them in parts");
        }
        // Results are named after the record: two records of one name would overwrite each other's.
        var twice = records.GroupBy(Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new CliUsageException($"record {twice.Key} is given twice ({string.Join(", ", twice)})");
        return records;
    }

    /// <summary>The record's name: its file name without a WFDB header's extension.</summary>
    public static string Name(string record) => Path.GetFileName(RecordPath(record));

    private static IEnumerable<string> InDirectory(string directory)
    {
        var list = Path.Combine(directory, ListFile);
        if (File.Exists(list)) return Listed(list);
        var found = Directory.EnumerateFiles(directory).Where(IsRecordFile).Select(RecordPath).Order(StringComparer.Ordinal).ToList();
        return found.Count > 0 ? found
            : throw new FileNotFoundException($"{directory} has neither a {ListFile} list nor record files ({string.Join(" ", RecordFiles.Formats.SelectMany(f => f.Extensions))})");
    }

    /// <summary>The records a RECORDS list names (one a line, '#' comments), as paths beside the list.</summary>
    private static IEnumerable<string> Listed(string list)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(list))!;
        var names = File.ReadLines(list).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Take(MaxRecords + 1).ToList();
        if (names.Count == 0) throw new CliUsageException($"{list} names no records");
        return names.Select(n => Path.Combine(directory, n));
    }

    // WFDB records are their headers; their signal and annotation files are not records of their own.
    private static bool IsRecordFile(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension == ".hea" || RecordFiles.Formats.Any(f => f.Name != "wfdb" && f.Extensions.Contains(extension));
    }

    private static string RecordPath(string file) =>
        Path.GetExtension(file).Equals(".hea", StringComparison.OrdinalIgnoreCase) ? Path.ChangeExtension(file, null) : file;
}
