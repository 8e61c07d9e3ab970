using System.Collections.Concurrent;
using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Microsoft.AspNetCore.Identity;

namespace Einthoven.Server.Localization;

public sealed record LanguageRequest(string Language);

/// <summary>
/// GET /i18n/{language}.json: the web UI's texts in one language (every wwwroot/i18n/{language}/*.json merged; public,
/// as the sign-in page needs them); PUT /api/me/language: the signed-in user's choice, saved for e-mails and set as the
/// cookie that picks the language of every answer.
/// </summary>
public static class TextEndpoints
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Cache = new();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/i18n/{language}.json", Get).AllowAnonymous().WithTags("Languages")
            .Produces<IReadOnlyDictionary<string, string>>().ProducesProblem(404)
            .WithSummary("The web UI's texts in a language (en, ru, uz)");
        app.MapPut("/api/me/language", Set).RequireAuthorization().WithTags("Languages")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(400)
            .WithSummary("Choose the language of the UI, e-mails and messages (en, ru, uz)");
    }

    private static IResult Get(string language, IWebHostEnvironment env)
    {
        if (Languages.Normalise(language) is not { } lang || lang != language) return Problems.NotFound($"language '{language}'");
        return Results.Ok(Cache.GetOrAdd(lang, l => Load(env.WebRootFileProvider, l)));
    }

    /// <summary>Every wwwroot/i18n/{language}/*.json merged (read through the web root's file provider, wherever it is).</summary>
    public static IReadOnlyDictionary<string, string> Load(Microsoft.Extensions.FileProviders.IFileProvider webRoot, string language)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in webRoot.GetDirectoryContents($"i18n/{language}").Where(f => !f.IsDirectory && f.Name.EndsWith(".json", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            using var stream = file.CreateReadStream();
            foreach (var (k, v) in Texts.Parse(stream, file.Name)) texts[k] = v;
        }
        return texts;
    }

    private static async Task<IResult> Set(LanguageRequest body, ClaimsPrincipal principal, UserManager<AppUser> users, HttpContext context)
    {
        if (Languages.Normalise(body.Language) is not { } lang)
            return Problems.BadRequest("unknown language", $"language must be one of {string.Join(", ", Languages.All)}", "language");
        var user = await users.GetUserAsync(principal);
        if (user is null) return Problems.Unauthorized("no such user");
        user.Language = lang;
        await users.UpdateAsync(user);
        context.Response.Cookies.Append(Languages.Cookie, lang, new CookieOptions
        {
            HttpOnly = false, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), Path = "/",
        });
        return Results.NoContent();
    }
}
