using System.Security.Claims;
using Einthoven.Server.Localization;

namespace Einthoven.Server.Api;

/// <summary>
/// RFC 7807 answers that say what is wrong, in one place so that every endpoint words them alike; written in the
/// request's language (<see cref="LocalizedProblem"/>: English texts found in Localization/Texts/*/problems.json are
/// translated, the rest stay English).
/// </summary>
public static class Problems
{
    public static IResult BadRequest(ProblemText title, ProblemText detail, string? field = null) =>
        new LocalizedProblem(400, title, detail, field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static IResult NotFound(string what) =>
        new LocalizedProblem(404, new ProblemText($"{what} not found", "problems.notFound.title", ("what", LocalizedProblem.What(what))),
            new ProblemText($"No {what} with that id is visible to you.", "problems.notFound.detail", ("what", LocalizedProblem.What(what))));

    public static IResult Forbidden(ProblemText detail) => new LocalizedProblem(403, "forbidden", detail);

    public static IResult Unauthorized(ProblemText detail) => new LocalizedProblem(401, "unauthorized", detail);

    public static IResult Conflict(ProblemText detail) => new LocalizedProblem(409, "conflict", detail);

    public static IResult TooLarge(long limit) =>
        new LocalizedProblem(413, "upload too large", UploadLimit(limit));

    /// <summary>"uploads are limited to 104,857,600 bytes", the number written as the language writes it.</summary>
    public static ProblemText UploadLimit(long limit) => new($"uploads are limited to {limit:N0} bytes", "problems.uploadLimit", ("limit", limit));
}

public static class ClaimsPrincipalExtensions
{
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new InvalidOperationException("no signed-in user");
}

/// <summary>The words every response that carries an interpretation includes.</summary>
public static class Disclaimer
{
    public const string Text = "Einthoven is a decision-support and research tool, not a certified medical device. " +
                               "Automated interpretations must be reviewed by a qualified clinician.";
}
