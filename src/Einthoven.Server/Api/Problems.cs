using System.Security.Claims;

namespace Einthoven.Server.Api;

/// <summary>RFC 7807 answers that say what is wrong, in one place so that every endpoint words them alike.</summary>
public static class Problems
{
    public static IResult BadRequest(string title, string detail, string? field = null) =>
        Results.Problem(statusCode: 400, title: title, detail: detail, extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: 404, title: $"{what} not found", detail: $"No {what} with that id is visible to you.");

    public static IResult Forbidden(string detail) => Results.Problem(statusCode: 403, title: "forbidden", detail: detail);

    public static IResult Unauthorized(string detail) => Results.Problem(statusCode: 401, title: "unauthorized", detail: detail);

    public static IResult Conflict(string detail) => Results.Problem(statusCode: 409, title: "conflict", detail: detail);

    public static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: 413, title: "upload too large", detail: $"uploads are limited to {limit:N0} bytes");
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
