namespace Einthoven.Evaluation.Databases;

/// <summary>
/// The RECORDS file of a PhysioNet database: one record name per line, in the database's own order. Blank lines and
/// lines starting with '#' are skipped.
/// </summary>
public static class DatabaseRecords
{
    public const string ListFile = "RECORDS";

    /// <summary>Whether <paramref name="directory"/> has a RECORDS list.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, ListFile));

    /// <summary>The record names listed in <paramref name="directory"/>'s RECORDS file.</summary>
    public static IReadOnlyList<string> Read(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"database folder {directory} not found");
        var list = Path.Combine(directory, ListFile);
        if (!File.Exists(list)) throw new FileNotFoundException($"{list} not found: the database folder needs a RECORDS list", list);
        return File.ReadAllLines(list).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
    }
}
