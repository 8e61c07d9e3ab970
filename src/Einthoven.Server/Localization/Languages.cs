using System.Globalization;

namespace Einthoven.Server.Localization;

/// <summary>
/// The languages of the UI, e-mails and messages: English, Russian and Uzbek (Latin script). A request's language is the
/// one the user chose (the <see cref="Cookie"/> the web UI sets, saved in their profile for e-mails), else the best of
/// the browser's Accept-Language, else English.
/// </summary>
public static class Languages
{
    public const string English = "en", Russian = "ru", Uzbek = "uz", Default = English;
    public const string Cookie = "einthoven-lang";

    public static readonly IReadOnlyList<string> All = [English, Russian, Uzbek];

    /// <summary>The culture that formats dates, times and numbers in a language.</summary>
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language switch
    {
        Russian => "ru-RU",
        Uzbek => "uz-Latn-UZ",
        _ => "en-GB",
    });

    /// <summary>The supported language a tag names ("ru", "ru-RU", "uz-Latn-UZ", "UZ"), or null.</summary>
    public static string? Normalise(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return All.Contains(primary) ? primary : null;
    }

    /// <summary>The best supported language of an Accept-Language header (by q-value, then order), or null.</summary>
    public static string? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 1000) return null;
        return header.Split(',').Select((part, index) =>
            {
                var pieces = part.Split(';');
                var q = pieces.Skip(1).Select(p => p.Trim()).Where(p => p.StartsWith("q=", StringComparison.Ordinal))
                    .Select(p => double.TryParse(p[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0).FirstOrDefault(1);
                return (Language: Normalise(pieces[0]), Q: q, Index: index);
            })
            .Where(x => x.Language is not null && x.Q > 0).OrderByDescending(x => x.Q).ThenBy(x => x.Index).Select(x => x.Language).FirstOrDefault();
    }

    /// <summary>The language of a request: the user's choice (cookie), else Accept-Language, else English.</summary>
    public static string Of(HttpContext context) =>
        Normalise(context.Request.Cookies[Cookie]) ?? FromAcceptLanguage(context.Request.Headers.AcceptLanguage) ?? Default;
}
