using System.Text.Json;
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

/// <summary>An AAMI class as the shared table (Beats/aami-classes.json) names it, with the beat symbols it takes.</summary>
public sealed record AamiClassSymbols(string Id, string Name, IReadOnlyList<string> Symbols);

/// <summary>
/// The mapping from MIT-BIH beat symbols to AAMI classes, and back to annotation codes. The table is the embedded
/// Beats/aami-classes.json, which the server also hands to the web UI (GET /api/analysis/beat-classes), so that both
/// read one table. It is the SPEC's (ANSI/AAMI EC57) mapping with the beat symbols EC57 leaves to its class rules:
/// bundle branch block B and supraventricular escape n are N, R-on-T r is V, unclassified ? is Q.
/// </summary>
public static class AamiMapping
{
    public const int ClassCount = 5;

    public static readonly IReadOnlyList<AamiClass> Classes = Enum.GetValues<AamiClass>();

    /// <summary>The classes in the classifier's order, each with its name and symbols.</summary>
    public static readonly IReadOnlyList<AamiClassSymbols> Table = LoadTable();

    private static readonly Dictionary<string, AamiClass> BySymbol =
        Table.SelectMany(c => c.Symbols.Select(s => (Symbol: s, Class: Parse(c.Id)))).ToDictionary(p => p.Symbol, p => p.Class, StringComparer.Ordinal);

    /// <summary>The AAMI class of a MIT-BIH beat symbol, or null for symbols that are not beats (rhythm, noise, comments).</summary>
    public static AamiClass? FromSymbol(string symbol) => BySymbol.TryGetValue(symbol, out var c) ? c : null;

    public static AamiClass? FromAnnotation(Annotation annotation) => FromSymbol(annotation.Symbol);

    /// <summary>The annotation symbol written for a class: its own letter (N, S, V, F, Q are all WFDB beat symbols).</summary>
    public static string Symbol(AamiClass c) => c.ToString();

    public static int Code(AamiClass c) => AnnotationCodes.Code(Symbol(c));

    public static AamiClass Parse(string name) =>
        Enum.TryParse<AamiClass>(name, ignoreCase: false, out var c) && Enum.IsDefined(c)
            ? c
            : throw new ArgumentException($"'{name}' is not an AAMI class (N, S, V, F, Q)", nameof(name));

    private static IReadOnlyList<AamiClassSymbols> LoadTable()
    {
        using var stream = typeof(AamiMapping).Assembly.GetManifestResourceStream("Einthoven.Models.Beats.aami-classes.json")
            ?? throw new InvalidOperationException("the AAMI class table is not embedded in Einthoven.Models");
        var table = JsonSerializer.Deserialize<AamiClassSymbols[]>(stream, JsonSerializerOptions.Web)!;
        if (!table.Select(c => c.Id).SequenceEqual(Enum.GetNames<AamiClass>()))
            throw new InvalidOperationException($"the AAMI class table lists {string.Join(", ", table.Select(c => c.Id))}, not N, S, V, F, Q in order");
        return table;
    }
}
