namespace Einthoven.Cli.Commands;

/// <summary>A list of MIT-BIH records given on the command line: names separated by commas, ds1, ds2, or "" for none.</summary>
internal static class MitBihRecordList
{
    /// <summary>The records named by <paramref name="text"/> (<paramref name="defaults"/> when it is not given), each checked to have a header and reference annotations in <paramref name="database"/>.</summary>
    public static IReadOnlyList<string> Parse(string? text, IReadOnlyList<string> defaults, string database)
    {
        var records = text?.Trim().ToLowerInvariant() switch
        {
            null => defaults,
            "ds1" => Einthoven.Evaluation.Databases.DeChazalSplit.Ds1,
            "ds2" => Einthoven.Evaluation.Databases.DeChazalSplit.Ds2,
            "all" => Einthoven.Evaluation.Databases.DeChazalSplit.Unpaced,
            _ => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        };
        if (records.Distinct().Count() != records.Count) throw new CliUsageException($"'{text}' names a record twice");
        if (!Directory.Exists(database)) throw new DirectoryNotFoundException($"MIT-BIH directory not found: {database}");
        var missing = records.Where(r => !File.Exists(Path.Combine(database, r + ".hea")) || !File.Exists(Path.Combine(database, r + ".atr"))).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException($"record(s) {string.Join(", ", missing)} have no header and reference annotations (.hea, .atr) in {database}");
        return records;
    }
}
