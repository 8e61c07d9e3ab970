namespace Einthoven.Signal.Formats.Scp;

/// <summary>The lead identification codes of section 3 (EN 1064 table 8) and the library's lead names.</summary>
internal static class ScpLeadCodes
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "I", [2] = "II", [3] = "V1", [4] = "V2", [5] = "V3", [6] = "V4", [7] = "V5", [8] = "V6", [9] = "V7",
        [10] = "V2R", [11] = "V3R", [12] = "V4R", [13] = "V5R", [14] = "V6R", [15] = "V7R",
        [16] = "X", [17] = "Y", [18] = "Z", [19] = "CC5", [20] = "CM5", [21] = "LA", [22] = "RA", [23] = "LL",
        [24] = "fI", [25] = "fE", [26] = "fC", [27] = "fA", [28] = "fM", [29] = "fF", [30] = "fH",
        [61] = "III", [62] = "aVR", [63] = "aVL", [64] = "aVF", [65] = "-aVR", [66] = "V8", [67] = "V9", [68] = "V8R", [69] = "V9R",
        [70] = "D", [71] = "A", [72] = "J",
    };

    // MIT-BIH's modified lead II is stored as lead II, as RecordInfo.LeadIIIndex treats it.
    private static readonly Dictionary<string, int> Codes = Names
        .Select(p => (p.Value, p.Key)).Concat([("MLII", 2), ("ML2", 2)])
        .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    /// <summary>The lead's name; an unspecified (0) or unlisted code keeps its position or number in the name.</summary>
    public static string Name(int code, int index) =>
        Names.TryGetValue(code, out var name) ? name : code == 0 ? $"Lead {index + 1}" : $"SCP lead {code}";

    /// <summary>The code for a lead name, 0 (unspecified) for names the standard does not list.</summary>
    public static byte Code(string name) => Codes.TryGetValue(name, out var code) ? (byte)code : (byte)0;
}
