using System.Globalization;
using System.Text.RegularExpressions;

namespace Einthoven.Signal.Formats.Dicom;

/// <summary>Patient attributes between the library's metadata spellings and DICOM's DA, CS and AS forms.</summary>
internal static partial class DicomPatient
{
    [GeneratedRegex(@"^(?<n>\d{3})(?<u>[DWMY])$")]
    private static partial Regex AgeString();

    /// <summary>"1950-03-04" as DA "19500304"; empty when not a date.</summary>
    public static string BirthDate(string? metadata) =>
        DateOnly.TryParseExact(metadata?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "";

    public static string? BirthDateBack(string? da) =>
        DateOnly.TryParseExact(da, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    public static string Sex(string? metadata) => metadata?.Trim().ToUpperInvariant() switch
    {
        null or "" => "",
        "M" or "MALE" => "M",
        "F" or "FEMALE" => "F",
        _ => "O",
    };

    /// <summary>Whole years as AS "069Y"; null for anything else.</summary>
    public static string? Age(string? metadata) =>
        int.TryParse(metadata?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years <= 999
            ? $"{years:000}Y" : null;

    public static string? AgeBack(string? asValue) => asValue is null ? null
        : AgeString().Match(asValue) is { Success: true } m && m.Groups["u"].Value == "Y"
            ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : asValue;
}
