using Microsoft.Extensions.FileProviders;

namespace Einthoven.Server.Web;

/// <summary>
/// The web UI: static files from wwwroot (revalidated on every load, so a deploy is picked up at once) and the page
/// routes of the single-page app, which all answer with index.html and let the client route.
/// </summary>
public static class WebUi
{
    /// <summary>Client-side routes; anything else that is not a file or an API route stays a 404.</summary>
    public static readonly string[] Pages =
        ["/", "/signin", "/register", "/recordings/{id:guid}", "/sharing", "/doctor", "/doctor/patients/{id:guid}", "/settings", "/admin", "/monitoring", "/paramedic", "/datasets", "/verification", "/clinics", "/clinics/{id:guid}", "/appointments", "/clinic", "/risk", "/unsubscribe"];

    public static void UseStaticFiles(WebApplication app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.CacheControl = "no-cache";
                if (context.File.Name == "sw.js") context.Context.Response.Headers["Service-Worker-Allowed"] = "/";
            },
        });

    public static void Map(WebApplication app)
    {
        foreach (var route in Pages) app.MapGet(route, ServeIndex).AllowAnonymous().ExcludeFromDescription();
        SessionEndpoint.Map(app);
        ManifestEndpoint.Map(app);
        RecordingSummariesEndpoint.Map(app);
    }

    private static IResult ServeIndex(HttpContext context, IWebHostEnvironment environment)
    {
        var index = environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!index.Exists) return Results.Problem(statusCode: 500, title: "web UI missing", detail: "wwwroot/index.html is not deployed");
        context.Response.Headers.CacheControl = "no-cache"; // its security headers: Api/SecurityHeaders
        return Results.Stream(index.CreateReadStream(), "text/html; charset=utf-8");
    }
}
