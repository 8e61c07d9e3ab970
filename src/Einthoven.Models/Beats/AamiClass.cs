using Einthoven.Signal.Records;

namespace Einthoven.Models.Beats;

/// <summary>The ANSI/AAMI EC57 heartbeat classes, in the order of the classifier's outputs.</summary>
public enum AamiClass
{
    /// <summary>Normal and bundle branch block beats, atrial and nodal escapes.</summary>
    N = 0,
    /// <summary>Supraventricular ectopic beats (SVEB).</summary>
    S = 1,
    /// <summary>Ventricular ectopic beats (VEB).</summary>
    V = 2,
    /// <summary>Fusion of ventricular and normal beats.</summary>
    F = 3,
    /// <summary>Paced, fusion of paced and normal, and unclassifiable beats.</summary>
    Q = 4,
}

/// <summary>The SPEC's mapping from MIT-BIH beat symbols to AAMI classes, and back to annotation codes.</summary>
public static class AamiMapping
{
    public const int ClassCount = 5;

    public static readonly IReadOnlyList<AamiClass> Classes = Enum.GetValues<AamiClass>();

    private static readonly Dictionary<string, AamiClass> BySymbol = new(StringComparer.Ordinal)
    {
        ["N"] = AamiClass.N, ["L"] = AamiClass.N, ["R"] = AamiClass.N, ["e"] = AamiClass.N, ["j"] = AamiClass.N,
        ["A"] = AamiClass.S, ["a"] = AamiClass.S, ["J"] = AamiClass.S, ["S"] = AamiClass.S,
        ["V"] = AamiClass.V, ["E"] = AamiClass.V,
        ["F"] = AamiClass.F,
        ["/"] = AamiClass.Q, ["f"] = AamiClass.Q, ["Q"] = AamiClass.Q,
    };

    /// <summary>The AAMI class of a MIT-BIH beat symbol, or null for symbols outside the mapping (e.g. "?", "B", rhythm).</summary>
    public static AamiClass? FromSymbol(string symbol) => BySymbol.TryGetValue(symbol, out var c) ? c : null;

    public static AamiClass? FromAnnotation(Annotation annotation) => FromSymbol(annotation.Symbol);

    /// <summary>The annotation symbol written for a class: its own letter (N, S, V, F, Q are all WFDB beat symbols).</summary>
    public static string Symbol(AamiClass c) => c.ToString();

    public static int Code(AamiClass c) => AnnotationCodes.Code(Symbol(c));

    public static AamiClass Parse(string name) =>
        Enum.TryParse<AamiClass>(name, ignoreCase: false, out var c) && Enum.IsDefined(c)
            ? c
            : throw new ArgumentException($"'{name}' is not an AAMI class (N, S, V, F, Q)", nameof(name));
}
