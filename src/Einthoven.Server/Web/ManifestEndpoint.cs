using System.Reflection;
using System.Text.Json.Nodes;
using Einthoven.Server.Localization;

namespace Einthoven.Server.Web;

/// <summary>
/// GET /manifest.webmanifest[?lang=en|ru|uz]: the PWA manifest (Web/manifest.webmanifest, embedded) with its name, short
/// name and description in the language asked for, else the request's (<see cref="Languages.Of"/>), and <c>lang</c> set.
/// </summary>
public static class ManifestEndpoint
{
    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Einthoven.Server.Web.manifest.webmanifest")!;
        return new StreamReader(stream).ReadToEnd();
    });

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/manifest.webmanifest", Get).AllowAnonymous().ExcludeFromDescription();

    private static IResult Get(HttpContext context, string? lang)
    {
        var language = Languages.Normalise(lang) ?? Languages.Of(context);
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.Vary = "Cookie, Accept-Language";
        return Results.Text(For(language), "application/manifest+json; charset=utf-8");
    }

    /// <summary>The manifest in a language.</summary>
    public static string For(string language)
    {
        var manifest = JsonNode.Parse(Template.Value)!.AsObject();
        var texts = Texts.Shared;
        manifest["lang"] = language == Languages.Uzbek ? "uz-Latn" : language;
        manifest["name"] = texts.Get(language, "manifest.name");
        manifest["short_name"] = texts.Get(language, "manifest.shortName");
        manifest["description"] = texts.Get(language, "manifest.description");
        return manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
