using System.Text;
using System.Text.RegularExpressions;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>
/// Reads the top of a generic CSV: '#' directive and comment lines ('##' lines are always comments), then an optional
/// header row whose names may carry units (<c>MLII [mV]</c> or <c>MLII (mV)</c>) and may include a time column
/// (<c>time</c>, <c>t</c> or <c>seconds</c>, in s unless marked <c>[ms]</c>). Cells are separated by commas,
/// semicolons or tabs; the latter two allow decimal commas.
/// </summary>
internal static partial class CsvHeaderParser
{
    private static readonly HashSet<string> TimeNames = new(StringComparer.OrdinalIgnoreCase) { "time", "t", "seconds", "timestamp", "elapsed" };

    [GeneratedRegex(@"^(?<name>.*?)\s*[\[(](?<unit>[^\])]*)[\])]\s*$")]
    private static partial Regex NameWithUnit();

    public static CsvLayout Parse(Stream stream, string file)
    {
        var lines = new CsvLines(stream, file, CsvLines.BomLength(stream));
        var directives = new CsvDirectives();
        var comments = new List<string>();
        while (true)
        {
            var (offset, number) = (lines.NextOffset, lines.NextNumber);
            if (!lines.TryRead(out var raw))
                throw new SignalFormatException(file, "content", "the file has neither a header row nor data rows");
            var text = Encoding.UTF8.GetString(raw).Trim();
            if (text.Length == 0) continue;
            if (text.StartsWith("##", StringComparison.Ordinal)) { comments.Add(text[2..].Trim()); continue; }
            if (text.StartsWith('#'))
            {
                if (!directives.TryAdd(text[1..], file, number)) comments.Add(text[1..].Trim());
                continue;
            }
            var unquoted = Unquoted(text);
            var delimiter = unquoted.Contains('\t') ? (byte)'\t' : unquoted.Contains(';') ? (byte)';' : (byte)',';
            var decimalComma = delimiter != (byte)',';
            var cells = SplitQuoted(text, (char)delimiter);
            var isHeader = cells.Any(c => !CsvCells.TryParse(Encoding.UTF8.GetBytes(c), decimalComma, out _));
            var columns = isHeader
                ? cells.Select(c => Column(c, file, number)).ToArray()
                : cells.Select((_, i) => new CsvColumn($"ch{i + 1}", null)).ToArray();
            if (columns.Count(c => c.IsTime) > 1)
                throw new SignalFormatException(file, $"line {number} header row", "has more than one time column");
            return new CsvLayout
            {
                Columns = columns, Delimiter = delimiter, DecimalComma = decimalComma,
                DataOffset = isHeader ? lines.NextOffset : offset, DataLine = isHeader ? lines.NextNumber : number,
                SamplingFrequency = directives.SamplingFrequency, Unit = directives.Unit, Gains = directives.Gains,
                Baselines = directives.Baselines, StartDate = directives.Start is { } s ? DateOnly.FromDateTime(s) : null,
                StartTime = directives.Start is { } t ? TimeOnly.FromDateTime(t) : null, Comments = comments,
            };
        }
    }

    private static CsvColumn Column(string cell, string file, long line)
    {
        var m = NameWithUnit().Match(cell);
        var (name, unit) = m.Success ? (m.Groups["name"].Value.Trim(), m.Groups["unit"].Value.Trim()) : (cell.Trim(), null);
        if (!TimeNames.Contains(name)) return new CsvColumn(name, unit is null ? null : PhysicalUnits.Normalise(unit));
        return unit?.ToLowerInvariant() switch
        {
            null or "s" or "sec" or "seconds" => new CsvColumn(name, "s", IsTime: true),
            "ms" => new CsvColumn(name, "ms", IsTime: true, TimeUnitSeconds: 0.001m),
            _ => throw new SignalFormatException(file, $"line {line} column '{cell}'", $"a time column must be in s or ms, not '{unit}'"),
        };
    }

    /// <summary>The line without its quoted parts, where a delimiter does not count.</summary>
    private static string Unquoted(string line) => string.Concat(line.Split('"').Where((_, i) => i % 2 == 0));

    /// <summary>Splits a header row; a quoted cell may hold the delimiter and doubled quotes.</summary>
    public static List<string> SplitQuoted(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == delimiter) { cells.Add(cell.ToString().Trim()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString().Trim());
        return cells;
    }
}
