using System.Globalization;

namespace Einthoven.Server.Fhir;

/// <summary>
/// The search parameters the FHIR API understands: patient (or subject=Patient/id), date (with eq, ge, gt, le, lt
/// prefixes, repeatable), code (system|code or code, comma-separated), _include, and paging by _count (at most
/// <see cref="MaxCount"/>) and _offset. A parameter that cannot be read is refused, never ignored.
/// </summary>
public sealed class FhirQuery
{
    public const int DefaultCount = 20, MaxCount = 100;

    public Guid? Patient { get; private init; }
    public int Count { get; private init; } = DefaultCount;
    public int Offset { get; private init; }
    public IReadOnlyList<string> Codes { get; private init; } = [];
    public IReadOnlySet<string> Includes { get; private init; } = new HashSet<string>();
    private readonly List<Func<DateTime, bool>> _dates = [];

    public bool DateMatches(DateTime utc) => _dates.All(d => d(utc));

    /// <summary>True when no code was asked for or <paramref name="system"/>|<paramref name="code"/> is one of those asked for.</summary>
    public bool CodeMatches(string system, string code) =>
        Codes.Count == 0 || Codes.Any(c => c == code || c == $"{system}|{code}");

    /// <summary>The query, or the OperationOutcome (400) that says which parameter is wrong.</summary>
    public static (FhirQuery? Query, IResult? Error) Parse(HttpRequest request, string[]? includes = null, string dateParameter = "date")
    {
        includes ??= [];
        var q = request.Query;
        Guid? patient = null;
        var reference = q["patient"].FirstOrDefault() ?? q["subject"].FirstOrDefault();
        if (reference is not null)
        {
            if (!Guid.TryParse(reference.StartsWith("Patient/", StringComparison.Ordinal) ? reference["Patient/".Length..] : reference, out var id))
                return (null, FhirResults.Invalid($"'{reference}' is not a patient id (Patient/<id>)", "patient"));
            patient = id;
        }
        var count = DefaultCount;
        if (q["_count"].FirstOrDefault() is { } c && (!int.TryParse(c, out count) || count < 1))
            return (null, FhirResults.Invalid($"_count '{c}' must be a positive whole number (at most {MaxCount} are returned)", "_count"));
        var offset = 0;
        if (q["_offset"].FirstOrDefault() is { } o && (!int.TryParse(o, out offset) || offset < 0))
            return (null, FhirResults.Invalid($"_offset '{o}' must be a whole number, 0 or more", "_offset"));
        var asked = q["_include"].Where(i => i is not null).Select(i => i!).ToHashSet();
        if (asked.FirstOrDefault(i => !includes.Contains(i)) is { } unknown)
            return (null, FhirResults.Invalid($"_include '{unknown}' is not supported here; supported: {(includes.Length == 0 ? "none" : string.Join(", ", includes))}", "_include"));
        var query = new FhirQuery
        {
            Patient = patient,
            Count = Math.Min(count, MaxCount),
            Offset = offset,
            Codes = q["code"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            Includes = asked,
        };
        foreach (var value in q[dateParameter].Where(v => v is not null))
        {
            var predicate = DatePredicate(value!);
            if (predicate is null) return (null, FhirResults.Invalid($"{dateParameter} '{value}' must be a FHIR date or dateTime with an optional prefix eq, ge, gt, le or lt", dateParameter));
            query._dates.Add(predicate);
        }
        return (query, null);
    }

    /// <summary>
    /// A date parameter as a test on a UTC instant. A value stands for the whole period it names (a day, a second), as
    /// FHIR's search rules say: eq2026-12-07 matches the whole day, gt2026-12-07 only what comes after it.
    /// </summary>
    private static readonly string[] DateFormats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];

    private static Func<DateTime, bool>? DatePredicate(string value)
    {
        var prefix = value.Length > 2 && char.IsLetter(value[0]) ? value[..2] : "eq";
        var text = char.IsLetter(value[0]) ? value[2..] : value;
        if (!DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && !(text.Length > 10 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at)))
            return null;
        var start = at.UtcDateTime;
        var end = text.Length switch { 4 => start.AddYears(1), 7 => start.AddMonths(1), 10 => start.AddDays(1), _ => start.AddSeconds(1) };
        return prefix switch
        {
            "eq" => t => t >= start && t < end,
            "ge" => t => t >= start,
            "gt" => t => t >= end,
            "le" => t => t < end,
            "lt" => t => t < start,
            _ => null,
        };
    }
}
