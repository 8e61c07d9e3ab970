using Einthoven.Server.Localization;

namespace Einthoven.Server.Clinics;

/// <summary>
/// RFC 7807 problems of the clinic directory and booking in the caller's language (Localization/Texts/*/clinics.json):
/// the title is the text of <c>clinics.{key}.title</c>, the detail that of <c>clinics.{key}</c>; a validation problem
/// names the field (the <c>field</c> extension and the detail).
/// </summary>
public static class ClinicTexts
{
    public static IResult Problem(HttpContext context, int status, string key, string? field = null, params (string, object?)[] values)
    {
        var lang = Languages.Of(context);
        var all = field is null ? values : [.. values, ("field", field)];
        var extensions = new Dictionary<string, object?> { ["code"] = key };
        if (field is not null) extensions["field"] = field;
        return Results.Problem(statusCode: status, title: Texts.Shared.Get(lang, key.StartsWith("invalid.", StringComparison.Ordinal) ? "clinics.invalid.title" : $"clinics.{key}.title", all), detail: Texts.Shared.Get(lang, $"clinics.{key}", all),
            extensions: extensions);
    }

    public static IResult Invalid(HttpContext context, string rule, string field, params (string, object?)[] values) =>
        Problem(context, 400, $"invalid.{rule}", field, values);

    public static IResult Conflict(HttpContext context, string key, params (string, object?)[] values) => Problem(context, 409, key, null, values);
}
