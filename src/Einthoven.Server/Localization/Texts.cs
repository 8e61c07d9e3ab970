using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Einthoven.Server.Localization;

/// <summary>
/// The server's own texts (e-mails, notifications, problem titles and details) in every language: the JSON files
/// <c>Localization/Texts/{language}/{area}.json</c> (embedded in the assembly), each a flat object of "area.key": "text"
/// with <c>{name}</c> placeholders. A key missing in a language falls back to English (a test keeps that from happening).
/// The web UI's texts are the same kind of files under <c>wwwroot/i18n</c>, served merged by <see cref="TextEndpoints"/>.
/// </summary>
public sealed partial class Texts
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> byLanguage;

    public Texts() : this(LoadEmbedded()) { }

    public Texts(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> texts) =>
        byLanguage = texts.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary());

    public static Texts Shared { get; } = new();

    /// <summary>The key of an English text among the keys that start with a prefix ("problems."), or null.</summary>
    public string? KeyOfEnglish(string english, string prefix) =>
        (englishKeys ??= All(Languages.English).Where(kv => !kv.Value.Contains('{')).GroupBy(kv => kv.Value, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal))
        .TryGetValue(english, out var keys) ? keys.FirstOrDefault(k => k.StartsWith(prefix, StringComparison.Ordinal)) : null;

    private FrozenDictionary<string, string[]>? englishKeys;

    public IReadOnlyDictionary<string, string> All(string language) =>
        byLanguage.TryGetValue(language, out var texts) ? texts : FrozenDictionary<string, string>.Empty;

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/> (else English, else the key) with its placeholders filled.</summary>
    public string Get(string language, string key, params (string Name, object? Value)[] values)
    {
        var text = All(language).GetValueOrDefault(key) ?? All(Languages.Default).GetValueOrDefault(key) ?? key;
        if (values.Length == 0) return text;
        var culture = Languages.Culture(language);
        return Placeholder().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            foreach (var (n, v) in values)
                if (n == name) return Format(v, culture);
            return m.Value;
        });
    }

    /// <summary>Numbers grouped as the culture writes them (12 345,5 in Russian), dates in its short form; text as it is.</summary>
    private static string Format(object? value, System.Globalization.CultureInfo culture) => value switch
    {
        int or long => ((IFormattable)value).ToString("#,0", culture),
        double or float or decimal => ((IFormattable)value).ToString("#,0.##", culture),
        DateTime or DateTimeOffset => ((IFormattable)value).ToString("g", culture),
        IFormattable f => f.ToString(null, culture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>The placeholder names of a text, for the completeness test.</summary>
    public static IReadOnlySet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();

    /// <summary>Reads flat JSON text files (language folder / area.json) into one dictionary per language.</summary>
    public static Dictionary<string, string> Parse(Stream json, string file)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{file}: not a JSON object");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new InvalidDataException($"{file}: '{p.Name}' is not a string");
        return result;
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> LoadEmbedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var result = Languages.All.ToDictionary(l => l, _ => new Dictionary<string, string>(StringComparer.Ordinal));
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var language = name[ResourcePrefix.Length..].Split('.')[0];
            if (!result.TryGetValue(language, out var texts)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (k, v) in Parse(stream, name)) texts[k] = v;
        }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value);
    }

    /// <summary>Embedded as Texts/{language}/{area}.json (see the project file).</summary>
    public const string ResourcePrefix = "Einthoven.Server.Localization.Texts.";
}
