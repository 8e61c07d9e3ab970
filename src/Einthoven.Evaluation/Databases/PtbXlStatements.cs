using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Databases;

/// <summary>One row of PTB-XL's scp_statements.csv: the statement, what it means, its diagnostic class and subclass (empty when not diagnostic), and whether it is a rhythm statement.</summary>
public sealed record ScpStatement(string Code, string Description, string DiagnosticClass, string DiagnosticSubclass, bool Rhythm);

/// <summary>Reads PTB-XL's scp_statements.csv, the map from SCP statements to the diagnostic superclasses and subclasses.</summary>
public static class PtbXlStatements
{
    public static readonly IReadOnlyList<string> Superclasses = ["NORM", "MI", "STTC", "CD", "HYP"];

    public static IReadOnlyDictionary<string, ScpStatement> Load(string directory)
    {
        var csv = Path.Combine(directory, "scp_statements.csv");
        if (!File.Exists(csv)) throw new FileNotFoundException($"{csv} not found: is {directory} a PTB-XL folder?", csv);
        var lines = File.ReadAllLines(csv);
        if (lines.Length == 0) throw new SignalFormatException(csv, "header", "the file is empty");
        var header = PtbXlIndex.SplitCsv(lines[0]);
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new SignalFormatException(csv, name, "column missing");
        // The first column, the statement code, has no name.
        int code = 0, description = Column("description"), cls = Column("diagnostic_class"), sub = Column("diagnostic_subclass"), rhythm = Column("rhythm");
        var result = new Dictionary<string, ScpStatement>(StringComparer.Ordinal);
        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0) continue;
            var f = PtbXlIndex.SplitCsv(lines[n]);
            if (f.Length != header.Length) throw new SignalFormatException(csv, $"line {n + 1}", $"{f.Length} fields, the header has {header.Length}");
            result[f[code]] = new ScpStatement(f[code], f[description], f[cls], f[sub], f[rhythm].Trim() is "1" or "1.0");
        }
        return result;
    }

    /// <summary>The diagnostic superclasses of a record's statements (any likelihood, as the PTB-XL benchmark counts them).</summary>
    public static IReadOnlySet<string> SuperclassesOf(PtbXlEntry entry, IReadOnlyDictionary<string, ScpStatement> statements) =>
        entry.ScpCodes.Keys.Select(k => statements.TryGetValue(k, out var s) ? s.DiagnosticClass : "").Where(c => c.Length > 0).ToHashSet();

    /// <summary>The diagnostic subclasses of a record's statements.</summary>
    public static IReadOnlySet<string> SubclassesOf(PtbXlEntry entry, IReadOnlyDictionary<string, ScpStatement> statements) =>
        entry.ScpCodes.Keys.Select(k => statements.TryGetValue(k, out var s) ? s.DiagnosticSubclass : "").Where(c => c.Length > 0).ToHashSet();
}
