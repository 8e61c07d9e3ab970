namespace Einthoven.Signal.Records;

/// <summary>The standard WFDB annotation codes (ecgcodes.h) and their mnemonic symbols.</summary>
public static class AnnotationCodes
{
    public const int NotQrs = 0, Normal = 1, Lbbb = 2, Rbbb = 3, Aberr = 4, Pvc = 5, Fusion = 6, Npc = 7,
        Apc = 8, Svpb = 9, Vesc = 10, Nesc = 11, Pace = 12, Unknown = 13, Noise = 14, Arfct = 16,
        Stch = 18, Tch = 19, Systole = 20, Diastole = 21, Note = 22, Measure = 23, PWave = 24, Bbb = 25,
        PaceSp = 26, TWave = 27, Rhythm = 28, UWave = 29, Learn = 30, Flwav = 31, Vfon = 32, Vfoff = 33,
        Aesc = 34, Svesc = 35, Link = 36, Napc = 37, Pfus = 38, WfOn = 39, WfOff = 40, Ron = 41;

    public const int MaxCode = 49;

    private static readonly string[] Symbols = BuildSymbols();
    private static readonly Dictionary<string, int> Codes = BuildCodes();

    // Codes that denote a beat: WFDB's isqrs table without ventricular flutter waves (!), which are not beats.
    // Non-conducted P waves (x) are no QRS at all. With this set the 48 MIT-BIH records hold 109,494 beats.
    private static readonly HashSet<int> BeatCodes =
        [Normal, Lbbb, Rbbb, Aberr, Pvc, Fusion, Npc, Apc, Svpb, Vesc, Nesc, Pace, Unknown, Bbb, Learn, Aesc, Svesc, Pfus, Ron];

    public static string Symbol(int code) => code >= 0 && code < Symbols.Length ? Symbols[code] : $"[{code}]";

    /// <summary>The code for a mnemonic symbol; throws for an unknown symbol.</summary>
    public static int Code(string symbol) =>
        TryCode(symbol, out var code) ? code : throw new ArgumentException($"unknown annotation symbol '{symbol}'", nameof(symbol));

    public static bool TryCode(string symbol, out int code)
    {
        if (Codes.TryGetValue(symbol, out code)) return true;
        if (symbol.Length > 2 && symbol[0] == '[' && symbol[^1] == ']' && int.TryParse(symbol[1..^1], out code)
            && code is >= 0 and <= MaxCode) return true;
        code = -1;
        return false;
    }

    public static bool IsBeat(int code) => BeatCodes.Contains(code);

    private static string[] BuildSymbols()
    {
        var s = new string[MaxCode + 1];
        for (var i = 0; i < s.Length; i++) s[i] = $"[{i}]";
        (int code, string sym)[] table =
        [
            (NotQrs, " "), (Normal, "N"), (Lbbb, "L"), (Rbbb, "R"), (Aberr, "a"), (Pvc, "V"), (Fusion, "F"),
            (Npc, "J"), (Apc, "A"), (Svpb, "S"), (Vesc, "E"), (Nesc, "j"), (Pace, "/"), (Unknown, "Q"),
            (Noise, "~"), (Arfct, "|"), (Stch, "s"), (Tch, "T"), (Systole, "*"), (Diastole, "D"),
            (Note, "\""), (Measure, "="), (PWave, "p"), (Bbb, "B"), (PaceSp, "^"), (TWave, "t"), (Rhythm, "+"),
            (UWave, "u"), (Learn, "?"), (Flwav, "!"), (Vfon, "["), (Vfoff, "]"), (Aesc, "e"), (Svesc, "n"),
            (Link, "@"), (Napc, "x"), (Pfus, "f"), (WfOn, "("), (WfOff, ")"), (Ron, "r"),
        ];
        foreach (var (code, sym) in table) s[code] = sym;
        return s;
    }

    private static Dictionary<string, int> BuildCodes()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Symbols.Length; i++)
            if (!Symbols[i].StartsWith('[') || Symbols[i] == "[") d.TryAdd(Symbols[i], i);
        return d;
    }
}
