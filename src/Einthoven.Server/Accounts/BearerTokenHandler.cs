using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Accounts;

/// <summary>Authenticates <c>Authorization: Bearer eth_...</c> personal access tokens.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    /// <summary>The claim that names the token a request was authenticated with.</summary>
    public const string TokenIdClaim = "einthoven:token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var owner = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (owner is null) return AuthenticateResult.Fail("invalid, expired or revoked token, or its user no longer exists");
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, owner.UserId.ToString()), new(ClaimTypes.Name, owner.Email), new(TokenIdClaim, owner.TokenId.ToString()) };
        claims.AddRange(owner.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (owner.Scopes is { } scopes) claims.AddRange(scopes.Select(s => new Claim(TokenScopes.Claim, s)).Prepend(new Claim(TokenScopes.ScopedClaim, "true")));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
