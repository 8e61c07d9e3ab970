using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>
/// The <c># key=value; key=value</c> lines at the top of a CSV: <c>sampling_rate</c> (or <c>fs</c>, in Hz),
/// <c>unit</c>, <c>start</c> (ISO 8601), <c>gain</c> and <c>baseline</c> (one value, or one per signal column,
/// separated by commas). A '#' line with any other key is a comment.
/// </summary>
internal sealed class CsvDirectives
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sampling_rate"] = "fs", ["sampling_frequency"] = "fs", ["samplingrate"] = "fs", ["fs"] = "fs", ["rate"] = "fs",
        ["unit"] = "unit", ["units"] = "unit", ["start"] = "start", ["gain"] = "gain", ["baseline"] = "baseline",
    };

    public double? SamplingFrequency { get; private set; }
    public string? Unit { get; private set; }
    public DateTime? Start { get; private set; }
    public IReadOnlyList<double>? Gains { get; private set; }
    public IReadOnlyList<double>? Baselines { get; private set; }

    /// <summary>Takes the directives of one '#' line; false (nothing taken) when the line is a comment.</summary>
    public bool TryAdd(string body, string file, long line)
    {
        var pairs = Pairs(body);
        if (pairs is null) return false;
        foreach (var (key, value) in pairs)
        {
            var field = $"line {line} '{key}'";
            switch (Aliases[key])
            {
                case "fs":
                    var rate = value.Trim();
                    if (rate.EndsWith("hz", StringComparison.OrdinalIgnoreCase)) rate = rate[..^2].Trim();
                    var fs = double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f) && f > 0
                        ? f : throw new SignalFormatException(file, field, $"'{value}' is not a sampling rate in Hz");
                    Check(SamplingFrequency, fs, file, field);
                    SamplingFrequency = fs;
                    break;
                case "unit":
                    var unit = value.Trim().Length > 0 ? PhysicalUnits.Normalise(value) : throw new SignalFormatException(file, field, "is empty");
                    Check(Unit, unit, file, field);
                    Unit = unit;
                    break;
                case "start":
                    var start = DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var s)
                        ? s.DateTime : throw new SignalFormatException(file, field, $"'{value}' is not an ISO 8601 date and time");
                    Check(Start, start, file, field);
                    Start = start;
                    break;
                case "gain":
                    Check(Gains, 0, file, field);
                    Gains = Numbers(value, file, field, nonZero: true);
                    break;
                default:
                    Check(Baselines, 0, file, field);
                    Baselines = Numbers(value, file, field, nonZero: false);
                    break;
            }
        }
        return true;
    }

    /// <summary>The key=value pairs of a line, or null unless every part is one with a known key.</summary>
    private static List<(string Key, string Value)>? Pairs(string body)
    {
        var parts = new List<string>();
        foreach (var part in body.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            // "fs=360, unit=mV": several pairs in one part are separated by commas (a list value has one '=').
            parts.AddRange(part.Count(c => c == '=') > 1 ? part.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [part]);
        if (parts.Count == 0) return null;
        var pairs = new List<(string, string)>();
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || !Aliases.ContainsKey(part[..eq].Trim())) return null;
            pairs.Add((part[..eq].Trim(), part[(eq + 1)..]));
        }
        return pairs;
    }

    private static double[] Numbers(string value, string file, string field, bool nonZero)
    {
        var items = value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        var numbers = new double[items.Length];
        for (var i = 0; i < items.Length; i++)
            if (!double.TryParse(items[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i])
                || (nonZero && numbers[i] == 0))
                throw new SignalFormatException(file, field, $"'{items[i]}' is not a {(nonZero ? "non-zero " : "")}number");
        return numbers.Length > 0 ? numbers : throw new SignalFormatException(file, field, "has no values");
    }

    /// <summary>A key may repeat only with the same single value.</summary>
    private static void Check(object? current, object value, string file, string field)
    {
        if (current is null) return;
        if (current is System.Collections.IEnumerable and not string) throw new SignalFormatException(file, field, "is given twice");
        if (!Equals(current, value)) throw new SignalFormatException(file, field, $"says {value}, but an earlier line says {current}");
    }
}
