using System.Security.Claims;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Accounts;

/// <summary>A signed-in user's own personal access tokens.</summary>
public static class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/tokens").WithTags("Accounts").RequireAuthorization();
        tokens.MapGet("/", List).WithSummary("Your tokens (never the secrets)").Produces<List<TokenView>>();
        tokens.MapPost("/", Create).WithSummary("Create a token, full-access or limited to scopes (e.g. \"pacemaker:predict\"); the secret is in this answer only")
            .Produces<NewTokenView>(StatusCodes.Status201Created).ProducesProblem(400);
        tokens.MapDelete("/{id:guid}", Revoke).WithSummary("Revoke one of your tokens, and every token made with it")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(404);
    }

    private static async Task<IResult> List(ClaimsPrincipal user, AppDb db, CancellationToken ct) =>
        Results.Ok(await db.AccessTokens.AsNoTracking().Where(t => t.UserId == user.UserId()).OrderBy(t => t.CreatedAt)
            .Select(t => new TokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.Scopes)).ToListAsync(ct));

    private static async Task<IResult> Create(NewTokenRequest body, ClaimsPrincipal user, TokenService tokens, CancellationToken ct)
    {
        if (body.ExpiresInDays is <= 0 or > 3650) return Problems.BadRequest("invalid expiry", "expiresInDays must be 1-3650", "expiresInDays");
        if (body.Scopes?.FirstOrDefault(s => !TokenScopes.Known.Contains(s)) is { } unknown)
            return Problems.BadRequest("unknown scope", $"'{unknown}' is not a scope; known scopes: {string.Join(", ", TokenScopes.Known)}; leave scopes out for a full-access token", "scopes");
        var parent = Guid.TryParse(user.FindFirstValue(BearerTokenHandler.TokenIdClaim), out var id) ? id : (Guid?)null;
        var (token, secret) = await tokens.CreateAsync(user.UserId(), string.IsNullOrWhiteSpace(body.Name) ? "token" : body.Name.Trim(), body.ExpiresInDays, parent, ct, body.Scopes?.Distinct().ToArray());
        return Results.Created($"/api/tokens/{token.Id}", new NewTokenView(token.Id, token.Name, token.Prefix, token.ExpiresAt, secret, token.Scopes));
    }

    private static Task<IResult> Revoke(Guid id, ClaimsPrincipal user, TokenService tokens, CancellationToken ct) =>
        tokens.RevokeWithDescendantsAsync(user.UserId(), id, ct);
}
