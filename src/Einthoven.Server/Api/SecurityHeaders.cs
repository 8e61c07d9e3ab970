namespace Einthoven.Server.Api;

/// <summary>
/// Headers on every answer, set when it starts so that error pages get them too: no sniffing, no framing, no referrer
/// to other sites, a content security policy, and no caching of anything under /api (medical data, downloads).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The web UI: its own scripts and styles only (no inline code).</summary>
    public const string WebUiPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
        "manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>Swagger UI at /docs: its own files; it sets inline styles and draws icons from data: URLs.</summary>
    public const string DocsPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>JSON and files: nothing may run or load from them.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    public static void Use(WebApplication app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var path = context.Request.Path;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // Not no-referrer: with it browsers send "Origin: null" on same-origin POSTs, which the same-origin check refuses.
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = path.StartsWithSegments("/api") ? ApiPolicy : path.StartsWithSegments("/docs") ? DocsPolicy : WebUiPolicy;
            if (path.StartsWithSegments("/api"))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
