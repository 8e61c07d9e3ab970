using Einthoven.Server.Api;
using Microsoft.AspNetCore.Identity;

namespace Einthoven.Server.Accounts;

/// <summary>Registration, cookie sign-in/out, token sign-in for the CLI, and who am I.</summary>
public static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/register", Register).RequireRateLimiting(RateLimits.SignIn).AllowAnonymous()
            .WithSummary("Create a patient account (doctor and admin roles are given by an admin)");
        auth.MapPost("/login", Login).RequireRateLimiting(RateLimits.SignIn).AllowAnonymous()
            .WithSummary("Sign in with e-mail and password; sets the session cookie");
        auth.MapPost("/token", IssueToken).RequireRateLimiting(RateLimits.SignIn).AllowAnonymous()
            .WithSummary("Sign in with e-mail and password and get a personal access token (for the CLI and devices)");
        auth.MapPost("/logout", Logout).RequireAuthorization().WithSummary("End the cookie session");
        app.MapGet("/api/me", Me).RequireAuthorization().WithTags("Accounts").WithSummary("The signed-in user and roles");
    }

    private static async Task<IResult> Register(RegisterRequest body, UserManager<AppUser> users, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(body.Email) || !body.Email.Contains('@'))
            return Problems.BadRequest("invalid e-mail", "an e-mail address is required", "email");
        if (await users.FindByEmailAsync(body.Email) is not null)
            return Problems.Conflict("an account with this e-mail already exists");
        var user = new AppUser
        {
            Id = Guid.NewGuid(), UserName = body.Email, Email = body.Email, DisplayName = (body.DisplayName ?? body.Email).Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, body.Password ?? "");
        if (!created.Succeeded)
            return Problems.BadRequest("registration refused", string.Join(" ", created.Errors.Select(e => e.Description)), "password");
        await users.AddToRoleAsync(user, Roles.Patient);
        return Results.Created("/api/me", await ViewAsync(users, user));
    }

    private static async Task<IResult> Login(SignInRequest body, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var user = await users.FindByEmailAsync(body.Email ?? "");
        if (user is null) return BadCredentials();
        var result = await signIn.PasswordSignInAsync(user, body.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut) return LockedOut();
        if (!result.Succeeded) return BadCredentials();
        return Results.Ok(await ViewAsync(users, user));
    }

    private static async Task<IResult> IssueToken(TokenRequest body, UserManager<AppUser> users, SignInManager<AppUser> signIn, TokenService tokens, CancellationToken ct)
    {
        if (body.ExpiresInDays is <= 0 or > 3650) return Problems.BadRequest("invalid expiry", "expiresInDays must be 1-3650", "expiresInDays");
        var user = await users.FindByEmailAsync(body.Email ?? "");
        if (user is null) return BadCredentials();
        var check = await signIn.CheckPasswordSignInAsync(user, body.Password ?? "", lockoutOnFailure: true);
        if (check.IsLockedOut) return LockedOut();
        if (!check.Succeeded) return BadCredentials();
        var (token, secret) = await tokens.CreateAsync(user.Id, string.IsNullOrWhiteSpace(body.Name) ? "cli" : body.Name.Trim(), body.ExpiresInDays, ct);
        return Results.Created($"/api/tokens/{token.Id}", new NewTokenView(token.Id, token.Name, token.Prefix, token.ExpiresAt, secret));
    }

    private static async Task<IResult> Logout(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.NoContent();
    }

    private static async Task<IResult> Me(System.Security.Claims.ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.FindByIdAsync(principal.UserId().ToString());
        return user is null ? Problems.Unauthorized("the account no longer exists") : Results.Ok(await ViewAsync(users, user));
    }

    public static async Task<UserView> ViewAsync(UserManager<AppUser> users, AppUser user) =>
        new(user.Id, user.Email ?? "", user.DisplayName, (await users.GetRolesAsync(user)).Order().ToList());

    private static IResult BadCredentials() => Problems.Unauthorized("wrong e-mail or password");

    private static IResult LockedOut() =>
        Results.Problem(statusCode: 423, title: "account locked", detail: "too many failed sign-ins; try again later");
}
