using System.Security.Claims;
using Einthoven.Server.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Einthoven.Server.Web;

public sealed record SessionView(bool SignedIn, UserView? User);

/// <summary>
/// GET /api/session: who is signed in, if anyone. Unlike /api/me it answers 200 when nobody is, so that the web UI can
/// start without a failed request.
/// </summary>
public static class SessionEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/session", Get).AllowAnonymous().WithTags("Accounts").WithSummary("The signed-in user and roles, or signedIn = false")
            .Produces<SessionView>();

    private static async Task<IResult> Get(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        if (principal.Identity?.IsAuthenticated != true) return Results.Ok(new SessionView(false, null));
        var user = await users.GetUserAsync(principal);
        return Results.Ok(user is null ? new SessionView(false, null) : new SessionView(true, await AuthEndpoints.ViewAsync(users, user)));
    }
}
