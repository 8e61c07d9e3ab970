using System.Globalization;
using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>
/// The ECG export of Apple's Health app (electrocardiograms/ecg_YYYY-MM-DD.csv): <c>Key,Value</c> lines (Name,
/// Date of Birth, Recorded Date, Classification, Symptoms, Software Version, Device, Sample Rate "512 hertz", Lead,
/// Unit "µV"), blank lines, then one value per line, with the decimal separator of the phone's locale.
/// </summary>
internal static class AppleHealthEcg
{
    private const int SniffBytes = 4096;
    private static readonly string[] FirstKeys = ["Name", "Date of Birth", "Recorded Date", "Classification"];
    private static readonly string[] BirthDateFormats = ["MMM d, yyyy", "MMMM d, yyyy", "d MMM yyyy", "d MMMM yyyy", "yyyy-MM-dd"];

    /// <summary>Whether the file starts like an Apple Health ECG export.</summary>
    public static bool Sniff(Stream stream)
    {
        var head = new byte[SniffBytes];
        stream.Position = CsvLines.BomLength(stream);
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var text = Encoding.UTF8.GetString(head, 0, n);
        var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return FirstKeys.Any(k => first.StartsWith(k + ",", StringComparison.Ordinal) || first == k)
               && text.Contains("\nSample Rate,", StringComparison.Ordinal);
    }

    public static CsvLayout Parse(Stream stream, string file)
    {
        var lines = new CsvLines(stream, file, CsvLines.BomLength(stream));
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var (offset, number) = (lines.NextOffset, lines.NextNumber);
            if (!lines.TryRead(out var raw) || CsvCells.TryParse(raw, decimalComma: true, out _))
                return Layout(fields, offset, number, file);
            var text = Encoding.UTF8.GetString(raw).Trim();
            if (text.Length == 0) continue;
            var comma = text.IndexOf(',');
            var (key, value) = comma < 0 ? (text, "") : (text[..comma].Trim(), text[(comma + 1)..].Trim());
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1].Replace("\"\"", "\"");
            fields[key] = value;
        }
    }

    private static CsvLayout Layout(Dictionary<string, string> fields, long dataOffset, long dataLine, string file)
    {
        var metadata = new Dictionary<string, string>();
        var comments = new List<string>();
        DateTimeOffset? recorded = null;
        foreach (var (key, value) in fields)
        {
            if (value.Length == 0) continue;
            switch (key.ToLowerInvariant())
            {
                case "name": metadata[MetadataKeys.PatientName] = value; break;
                case "date of birth":
                    metadata[MetadataKeys.BirthDate] = DateOnly.TryParseExact(value, BirthDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var birth)
                        ? birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value;
                    break;
                case "recorded date":
                    metadata[AppleHealthMetadataKeys.RecordedDate] = value;
                    if (DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal, out var r)) recorded = r;
                    else comments.Add($"Apple Health recorded date '{value}' is not in the expected yyyy-MM-dd HH:mm:ss ±hhmm form");
                    break;
                case "classification": metadata[AppleHealthMetadataKeys.Classification] = value; break;
                case "symptoms": metadata[AppleHealthMetadataKeys.Symptoms] = value; break;
                case "software version": metadata[AppleHealthMetadataKeys.SoftwareVersion] = value; break;
                case "device": metadata[MetadataKeys.Device] = value; break;
                case "sample rate" or "lead" or "unit": break;
                default: metadata[key.ToLowerInvariant().Replace(' ', '_')] = value; break;
            }
        }
        var lead = fields.GetValueOrDefault("Lead") is { Length: > 0 } l ? (l.StartsWith("Lead ", StringComparison.OrdinalIgnoreCase) ? l[5..].Trim() : l) : "I";
        return new CsvLayout
        {
            Columns = [new CsvColumn(lead, fields.GetValueOrDefault("Unit") is { Length: > 0 } u ? PhysicalUnits.Normalise(u) : null)],
            Delimiter = 0, DecimalComma = true, DataOffset = dataOffset, DataLine = dataLine,
            SamplingFrequency = fields.TryGetValue("Sample Rate", out var rate) ? Rate(rate, file) : null,
            StartDate = recorded is { } d ? DateOnly.FromDateTime(d.DateTime) : null,
            StartTime = recorded is { } t ? TimeOnly.FromDateTime(t.DateTime) : null,
            Comments = comments, Metadata = metadata,
        };
    }

    /// <summary>"512 hertz" (or "512 Hz") in Hz.</summary>
    private static double Rate(string text, string file)
    {
        var number = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return double.TryParse(number.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var fs) && double.IsFinite(fs) && fs > 0
            ? fs
            : throw new SignalFormatException(file, "Sample Rate", $"'{text}' is not a sampling rate such as '512 hertz'");
    }
}
