using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Databases;

/// <summary>One PTB-XL record: id, SCP statements with likelihoods, the pacemaker column, fold and the header path.</summary>
public sealed record PtbXlEntry(int EcgId, IReadOnlyDictionary<string, double> ScpCodes, bool Pacemaker, int StratFold, string HeaderPath)
{
    public bool Has(string code, double minLikelihood) => ScpCodes.TryGetValue(code, out var v) && v >= minLikelihood;
}

/// <summary>
/// Reads PTB-XL's ptbxl_database.csv (the 100 Hz records100 layout) and keeps the records whose waveform is present
/// in strat_folds 1-9 (fold 10 is the held-out test fold and is never used here).
/// </summary>
public static class PtbXlIndex
{
    public static IReadOnlyList<PtbXlEntry> Load(string directory)
    {
        var csv = Path.Combine(directory, "ptbxl_database.csv");
        if (!File.Exists(csv)) throw new FileNotFoundException($"{csv} not found: is {directory} a PTB-XL folder?", csv);
        var lines = File.ReadAllLines(csv);
        if (lines.Length == 0) throw new SignalFormatException(csv, "header", "the file is empty");
        var header = SplitCsv(lines[0]);
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new SignalFormatException(csv, name, "column missing");
        int id = Column("ecg_id"), scp = Column("scp_codes"), pace = Column("pacemaker"), fold = Column("strat_fold");
        var entries = new List<PtbXlEntry>();
        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0) continue;
            var f = SplitCsv(lines[n]);
            if (f.Length != header.Length) throw new SignalFormatException(csv, $"line {n + 1}", $"{f.Length} fields, the header has {header.Length}");
            if (!int.TryParse(f[id], out var ecgId)) throw new SignalFormatException(csv, $"line {n + 1} ecg_id", $"'{f[id]}' is not a number");
            if (!int.TryParse(f[fold], out var strat) || strat is < 1 or > 9) continue;
            var hea = Path.Combine(directory, "records100", (ecgId / 1000 * 1000).ToString("00000"), $"{ecgId:00000}_lr.hea");
            if (!File.Exists(hea)) continue;
            entries.Add(new PtbXlEntry(ecgId, ParseScp(f[scp], csv, n + 1), f[pace].Trim().Length > 0, strat, hea));
        }
        return entries;
    }

    /// <summary>A Python dict literal such as <c>{'NORM': 100.0, 'SR': 0.0}</c>.</summary>
    internal static Dictionary<string, double> ParseScp(string text, string file, int line)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var body = text.Trim().TrimStart('{').TrimEnd('}');
        foreach (var pair in body.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = pair.Split(':', StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], CultureInfo.InvariantCulture, out var likelihood))
                throw new SignalFormatException(file, $"line {line} scp_codes", $"cannot read '{pair}'");
            result[kv[0].Trim('\'', '"')] = likelihood;
        }
        return result;
    }

    internal static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields.ToArray();
    }
}
