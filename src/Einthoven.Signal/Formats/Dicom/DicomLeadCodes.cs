namespace Einthoven.Signal.Formats.Dicom;

/// <summary>
/// ECG lead names and their codes in PS3.16 CID 3001 "ECG Leads": ISO/IEEE 11073 MDC codes "2:n" (written) and the
/// older SCP-ECG codes "5.6.3-9-n" (read), which share the lead numbers n. A name without a code is written as the
/// unspecified lead "2:0" with the name as code meaning, and kept in the Channel Label.
/// </summary>
internal static class DicomLeadCodes
{
    public const string Mdc = "MDC";
    public const string ScpEcg = "SCPECG";
    public const int Unspecified = 0;

    private static readonly (int Number, string Name)[] Table =
    [
        (1, "I"), (2, "II"), (3, "V1"), (4, "V2"), (5, "V3"), (6, "V4"), (7, "V5"), (8, "V6"), (9, "V7"),
        (10, "V2R"), (11, "V3R"), (12, "V4R"), (13, "V5R"), (14, "V6R"), (15, "V7R"), (16, "X"), (17, "Y"), (18, "Z"),
        (19, "CC5"), (20, "CM5"), (21, "LA"), (22, "RA"), (23, "LL"), (61, "III"), (62, "aVR"), (63, "aVL"), (64, "aVF"),
        (66, "V8"), (67, "V9"), (68, "V8R"), (69, "V9R"),
    ];

    private static readonly Dictionary<string, int> ByName = Table.ToDictionary(t => t.Name, t => t.Number, StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<int, string> ByNumber = Table.ToDictionary(t => t.Number, t => t.Name);

    /// <summary>The MDC code value and meaning for a lead name (the unspecified lead for an unknown name).</summary>
    public static (string Value, string Meaning) Code(string name) =>
        ByName.TryGetValue(name.Trim(), out var n) ? ($"2:{n}", $"Lead {ByNumber[n]}") : ($"2:{Unspecified}", name);

    /// <summary>The lead name a coded channel source stands for, or null for a code not in the table.</summary>
    public static string? Name(string? scheme, string? value)
    {
        if (value is null) return null;
        var prefix = scheme switch { Mdc => "2:", ScpEcg => "5.6.3-9-", _ => null };
        if (prefix is null || !value.StartsWith(prefix, StringComparison.Ordinal)) return null;
        return int.TryParse(value.AsSpan(prefix.Length), out var n) && ByNumber.TryGetValue(n, out var name) ? name : null;
    }
}
