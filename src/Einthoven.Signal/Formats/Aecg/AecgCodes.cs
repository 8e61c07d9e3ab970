using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>
/// The HL7 / ISO 11073 (MDC) codes aECG files use for leads and beats, mapped to the library's lead names and WFDB
/// annotation codes both ways.
/// </summary>
internal static class AecgCodes
{
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string Mdc = "2.16.840.1.113883.6.24";
    public const string ActCode = "2.16.840.1.113883.5.4";
    public const string LeadPrefix = "MDC_ECG_LEAD_";
    public const string Beat = "MDC_ECG_BEAT";

    // Leads whose MDC suffix is not the library's spelling.
    private static readonly (string Suffix, string Name)[] Spelled = [("AVR", "aVR"), ("AVL", "aVL"), ("AVF", "aVF")];

    private static readonly HashSet<string> StandardLeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9",
        "V2R", "V3R", "V4R", "V5R", "V6R", "V7R", "X", "Y", "Z", "CC5", "CM5",
    };

    // WFDB beat codes and their MDC beat codes; the first row of a code is the one written.
    private static readonly (int Code, string Mdc)[] Beats =
    [
        (AnnotationCodes.Normal, "MDC_ECG_BEAT_NORMAL"), (AnnotationCodes.Lbbb, "MDC_ECG_BEAT_LBB_BLK_COMP"),
        (AnnotationCodes.Rbbb, "MDC_ECG_BEAT_RBB_BLK_COMP"), (AnnotationCodes.Aberr, "MDC_ECG_BEAT_ATR_P_C_ABERR"),
        (AnnotationCodes.Pvc, "MDC_ECG_BEAT_V_P_C"), (AnnotationCodes.Fusion, "MDC_ECG_BEAT_V_P_C_FUSION"),
        (AnnotationCodes.Npc, "MDC_ECG_BEAT_JUNC_P_C"), (AnnotationCodes.Apc, "MDC_ECG_BEAT_ATR_P_C"),
        (AnnotationCodes.Svpb, "MDC_ECG_BEAT_SV_P_C"), (AnnotationCodes.Vesc, "MDC_ECG_BEAT_V_ESC"),
        (AnnotationCodes.Nesc, "MDC_ECG_BEAT_JUNC_ESC"), (AnnotationCodes.Pace, "MDC_ECG_BEAT_PACED"),
        (AnnotationCodes.Unknown, "MDC_ECG_BEAT_UNKNOWN"), (AnnotationCodes.Bbb, "MDC_ECG_BEAT_BB_BLK"),
        (AnnotationCodes.Learn, "MDC_ECG_BEAT_LEARN"), (AnnotationCodes.Aesc, "MDC_ECG_BEAT_ATR_ESC"),
        (AnnotationCodes.Svesc, "MDC_ECG_BEAT_SV_ESC"), (AnnotationCodes.Pfus, "MDC_ECG_BEAT_PACED_FUS"),
        (AnnotationCodes.Ron, "MDC_ECG_BEAT_V_P_C_RonT"), (AnnotationCodes.Napc, "MDC_ECG_BEAT_ATR_PWAVE_BLK"),
        // Read only: finer MDC classes with no WFDB code of their own.
        (AnnotationCodes.Lbbb, "MDC_ECG_BEAT_LBB_BLK_INCOMP"), (AnnotationCodes.Rbbb, "MDC_ECG_BEAT_RBB_BLK_INCOMP"),
        (AnnotationCodes.Normal, "MDC_ECG_BEAT_DOMINANT"),
    ];

    private static readonly Dictionary<int, string> MdcByCode = Beats.GroupBy(b => b.Code).ToDictionary(g => g.Key, g => g.First().Mdc);
    private static readonly Dictionary<string, int> CodeByMdc = Beats.ToDictionary(b => b.Mdc, b => b.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>The MDC code of a lead name, or null when MDC has none (the name is then written as it is).</summary>
    public static string? LeadCode(string name)
    {
        if (!StandardLeads.TryGetValue(name, out var standard)) return null;
        return LeadPrefix + standard.ToUpperInvariant();
    }

    /// <summary>The library's name for a lead code: the MDC suffix in clinical spelling, or a non-MDC code as it is.</summary>
    public static string LeadName(string code)
    {
        if (!code.StartsWith(LeadPrefix, StringComparison.Ordinal) || code.Length == LeadPrefix.Length) return code;
        var suffix = code[LeadPrefix.Length..];
        foreach (var (s, name) in Spelled)
            if (string.Equals(s, suffix, StringComparison.OrdinalIgnoreCase)) return name;
        return StandardLeads.TryGetValue(suffix, out var standard) ? standard : suffix;
    }

    public static string? BeatCode(int code) => MdcByCode.GetValueOrDefault(code);

    /// <summary>The WFDB code of an MDC beat code; any other beat (MDC_ECG_BEAT, _ABNORMAL, WPW …) is unclassified (Q).</summary>
    public static int BeatFromMdc(string mdc) => CodeByMdc.TryGetValue(mdc, out var code) ? code : AnnotationCodes.Unknown;

    public static bool IsKnownBeat(string mdc) => CodeByMdc.ContainsKey(mdc);
}
