using Einthoven.Server.Accounts;

namespace Einthoven.Server.Api;

/// <summary>
/// Cross-site request forgery guard beside SameSite=Strict: an unsafe request (POST, PUT, PATCH, DELETE) signed in with
/// the session cookie must come from this server's own origin (scheme and host, as a known proxy forwarded them), told
/// by its Origin header or else its Referer; without either it is refused. Anonymous requests are checked when they carry
/// one (a foreign page cannot sign a browser in), and bearer-token requests are exempt: a browser never adds the token.
/// </summary>
public static class SameOrigin
{
    public static void Use(WebApplication app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            || context.User.Identity?.AuthenticationType == BearerTokenHandler.SchemeName)
        {
            await next(context);
            return;
        }
        var cookieSession = context.User.Identity?.IsAuthenticated == true;
        var source = SourceOrigin(context.Request);
        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        if ((source is null && !cookieSession) || string.Equals(source, own, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        await Results.Problem(statusCode: 403, title: "cross-site request refused",
                detail: source is null
                    ? "a request signed in with the session cookie must carry an Origin or Referer header of this server"
                    : $"the request comes from {source}, not from this server ({own})")
            .ExecuteAsync(context);
    });

    private static string? SourceOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return origin;
        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer) ? referer.GetLeftPart(UriPartial.Authority) : null;
    }
}
