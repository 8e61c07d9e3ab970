namespace Einthoven.Server.Localization;

/// <summary>A problem text: its key in Localization/Texts/*/problems.json with the values of its placeholders, and the English text.</summary>
public sealed record ProblemText(string English, string? Key = null, params (string Name, object? Value)[] Values)
{
    public static implicit operator ProblemText(string english) => new(english);
}

/// <summary>
/// An RFC 7807 answer whose title and detail are written in the request's language (<see cref="Languages.Of"/>): a text
/// with a key is looked up by its key, a plain English text by its English wording among the problems.* texts (so that
/// every endpoint's fixed sentences are translated by adding them to problems.json); a text with neither stays English.
/// English requests get the English texts unchanged; the extension members (field, file, reason…) are never translated.
/// </summary>
public sealed class LocalizedProblem(int status, ProblemText title, ProblemText? detail, IDictionary<string, object?>? extensions = null) : IResult
{
    public int StatusCode => status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var language = Languages.Of(httpContext);
        return Results.Problem(statusCode: status, title: Write(title, language), detail: detail is null ? null : Write(detail, language), extensions: extensions)
            .ExecuteAsync(httpContext);
    }

    /// <summary>A problem text in a language (English when it has no translation).</summary>
    public static string Write(ProblemText text, string language, Texts? texts = null)
    {
        if (language == Languages.English) return text.English;
        texts ??= Texts.Shared;
        var key = text.Key ?? texts.KeyOfEnglish(text.English, "problems.");
        if (key is null || !texts.All(language).ContainsKey(key)) return text.English;
        var values = text.Values.Select(v => (v.Name, v.Value is ProblemText inner ? Write(inner, language, texts) : v.Value)).ToArray();
        return texts.Get(language, key, values);
    }

    /// <summary>The name of a kind of thing ("recording") in a language, from problems.what.* (else as it is).</summary>
    public static ProblemText What(string what) => new(what, $"problems.what.{what.Replace(' ', '-')}");
}
