using System.Globalization;
using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// The EDF+ patient and recording identification subfields ("code sex birthdate name ..." and
/// "Startdate date admincode technician equipment ...") to and from record metadata.
/// </summary>
internal static class EdfIdentification
{
    private const string DateFormat = "dd-MMM-yyyy";
    private const string Unknown = "X";

    public static void ReadPatient(string field, bool edfPlus, IDictionary<string, string> metadata)
    {
        var parts = Split(field);
        if (!edfPlus || parts.Length < 4)
        {
            if (field.Trim().Length > 0) metadata[EdfMetadataKeys.Patient] = field.Trim();
            return;
        }
        Put(metadata, MetadataKeys.PatientId, Word(parts[0]));
        if (parts[1] is "M" or "F") metadata[MetadataKeys.Sex] = parts[1];
        if (ParseDate(parts[2]) is { } birth) metadata[MetadataKeys.BirthDate] = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Put(metadata, MetadataKeys.PatientName, Word(parts[3]));
        Put(metadata, EdfMetadataKeys.PatientExtra, string.Join(' ', parts.Skip(4)));
    }

    /// <summary>
    /// Reads the recording field. Returns the EDF+ start date, which carries the full year, and whether the field
    /// explicitly says the date is unknown ("Startdate X").
    /// </summary>
    public static (DateOnly? Date, bool DateUnknown) ReadRecording(string field, bool edfPlus, IDictionary<string, string> metadata)
    {
        var parts = Split(field);
        if (!edfPlus || parts.Length < 5 || parts[0] != "Startdate")
        {
            if (field.Trim().Length > 0) metadata[EdfMetadataKeys.Recording] = field.Trim();
            return (null, false);
        }
        Put(metadata, MetadataKeys.RecordingId, Word(parts[2]));
        Put(metadata, MetadataKeys.Technician, Word(parts[3]));
        Put(metadata, MetadataKeys.Device, Word(parts[4]));
        Put(metadata, EdfMetadataKeys.RecordingExtra, string.Join(' ', parts.Skip(5)));
        return (ParseDate(parts[1]), parts[1] == Unknown);
    }

    public static string WritePatient(IReadOnlyDictionary<string, string> metadata)
    {
        var sex = metadata.GetValueOrDefault(MetadataKeys.Sex)?.Trim().ToUpperInvariant() switch
        {
            { } s when s.StartsWith('M') => "M",
            { } s when s.StartsWith('F') => "F",
            _ => Unknown,
        };
        var birth = DateOnly.TryParseExact(metadata.GetValueOrDefault(MetadataKeys.BirthDate), "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var b) ? FormatDate(b) : Unknown;
        return Fit(string.Join(' ', Subfield(metadata, MetadataKeys.PatientId), sex, birth,
            Subfield(metadata, MetadataKeys.PatientName), Ascii(metadata.GetValueOrDefault(EdfMetadataKeys.PatientExtra) ?? "")));
    }

    public static string WriteRecording(DateOnly? startDate, IReadOnlyDictionary<string, string> metadata) =>
        Fit(string.Join(' ', "Startdate", startDate is { } d ? FormatDate(d) : Unknown,
            Subfield(metadata, MetadataKeys.RecordingId), Subfield(metadata, MetadataKeys.Technician),
            Subfield(metadata, MetadataKeys.Device), Ascii(metadata.GetValueOrDefault(EdfMetadataKeys.RecordingExtra) ?? "")));

    /// <summary>Printable ASCII only, as EDF headers require: accents are dropped, anything else becomes '?'.</summary>
    public static string Ascii(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c is >= ' ' and <= '~' ? c : '?');
        }
        return sb.ToString();
    }

    private static string Subfield(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.GetValueOrDefault(key) is { Length: > 0 } v && v.Trim().Length > 0
            ? Ascii(v.Trim()).Replace(' ', '_')
            : Unknown;

    private static string Fit(string text) => (text.Length > 80 ? text[..80] : text).TrimEnd();

    private static string FormatDate(DateOnly d) => d.ToString(DateFormat, CultureInfo.InvariantCulture).ToUpperInvariant();

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string[] Split(string field) => field.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string? Word(string subfield) => subfield == Unknown ? null : subfield.Replace('_', ' ');

    private static void Put(IDictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value)) metadata[key] = value;
    }
}
