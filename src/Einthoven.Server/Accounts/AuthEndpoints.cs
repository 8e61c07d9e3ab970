using System.Security.Claims;
using Einthoven.Server.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Accounts;

/// <summary>Registration, cookie sign-in/out, token sign-in for the CLI, password change, and who am I.</summary>
public static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/register", Register).RequireRateLimiting(RateLimits.SignIn).AllowAnonymous()
            .Produces<RegistrationView>(StatusCodes.Status202Accepted).ProducesProblem(400).ProducesProblem(429)
            .WithSummary("Create a patient account (doctor and admin roles are given by an admin); the same answer whether or not the e-mail was taken");
        auth.MapPost("/login", Login).RequireRateLimiting(RateLimits.SignIn).AllowAnonymous()
            .Produces<UserView>().ProducesProblem(401).ProducesProblem(423).ProducesProblem(429)
            .WithSummary("Sign in with e-mail and password; sets the session cookie");
        auth.MapPost("/token", IssueToken).RequireRateLimiting(RateLimits.SignIn).AllowAnonymous()
            .Produces<NewTokenView>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(423).ProducesProblem(429)
            .WithSummary("Sign in with e-mail and password and get a personal access token (for the CLI and devices)");
        auth.MapPost("/password", ChangePassword).RequireRateLimiting(RateLimits.SignIn).RequireAuthorization()
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(400).ProducesProblem(401).ProducesProblem(423).ProducesProblem(429)
            .WithSummary("Change your password (current and new); your personal access tokens stay valid");
        auth.MapPost("/logout", Logout).RequireAuthorization().WithSummary("End the cookie session").Produces(StatusCodes.Status204NoContent);
        app.MapGet("/api/me", Me).RequireAuthorization().WithTags("Accounts").WithSummary("The signed-in user and roles")
            .Produces<UserView>().ProducesProblem(401);
    }

    private static async Task<IResult> Register(RegisterRequest body, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(body.Email) || !body.Email.Contains('@'))
            return Problems.BadRequest("invalid e-mail", "an e-mail address is required", "email");
        var user = new AppUser
        {
            Id = Guid.NewGuid(), UserName = body.Email, Email = body.Email, DisplayName = (body.DisplayName ?? body.Email).Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        if (await WeakPasswordAsync(users, user, body.Password, "registration refused", "password") is { } weak) return weak;
        // A taken e-mail is answered like a free one, after a password hash of the same cost, so that neither tells.
        if (await users.FindByEmailAsync(body.Email) is not null)
        {
            hasher.HashPassword(user, body.Password);
            return Registered(body.Email);
        }
        IdentityResult created;
        try { created = await users.CreateAsync(user, body.Password); }
        catch (DbUpdateException) { return Registered(body.Email); } // a simultaneous registration of this e-mail won the unique index
        if (created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")) return Registered(body.Email);
        if (!created.Succeeded)
            return Problems.BadRequest("registration refused", string.Join(" ", created.Errors.Select(e => e.Description)), "email");
        await users.AddToRoleAsync(user, Roles.Patient);
        return Registered(body.Email);
    }

    private static IResult Registered(string email) => Results.Accepted("/api/auth/login", new RegistrationView(email,
        "Sign in with this e-mail and password. If the e-mail already had an account, its own password signs in."));

    private static async Task<IResult> Login(SignInRequest body, HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn, PasswordCheck check)
    {
        var (user, refusal) = await check.CheckAsync(body.Email, body.Password, http.Connection.RemoteIpAddress);
        if (user is null) return PasswordCheck.Problem(refusal);
        await signIn.SignInAsync(user, isPersistent: false);
        return Results.Ok(await ViewAsync(users, user));
    }

    private static async Task<IResult> IssueToken(TokenRequest body, HttpContext http, PasswordCheck check, TokenService tokens, CancellationToken ct)
    {
        if (body.ExpiresInDays is <= 0 or > 3650) return Problems.BadRequest("invalid expiry", "expiresInDays must be 1-3650", "expiresInDays");
        var (user, refusal) = await check.CheckAsync(body.Email, body.Password, http.Connection.RemoteIpAddress);
        if (user is null) return PasswordCheck.Problem(refusal);
        var (token, secret) = await tokens.CreateAsync(user.Id, string.IsNullOrWhiteSpace(body.Name) ? "cli" : body.Name.Trim(), body.ExpiresInDays, null, ct);
        return Results.Created($"/api/tokens/{token.Id}", new NewTokenView(token.Id, token.Name, token.Prefix, token.ExpiresAt, secret));
    }

    private static async Task<IResult> ChangePassword(PasswordChangeRequest body, ClaimsPrincipal principal, HttpContext http,
        UserManager<AppUser> users, SignInManager<AppUser> signIn, PasswordCheck check)
    {
        var user = await users.FindByIdAsync(principal.UserId().ToString());
        if (user is null) return Problems.Unauthorized("the account no longer exists");
        if (await WeakPasswordAsync(users, user, body.NewPassword, "password refused", "newPassword") is { } weak) return weak;
        var (verified, refusal) = await check.CheckAsync(user.Email, body.CurrentPassword, http.Connection.RemoteIpAddress);
        if (verified is null)
            return refusal == Refusal.BadCredentials
                ? Problems.BadRequest("wrong password", "the current password is wrong", "currentPassword") : PasswordCheck.Problem(refusal);
        var changed = await users.ChangePasswordAsync(verified, body.CurrentPassword, body.NewPassword);
        if (!changed.Succeeded)
            return Problems.BadRequest("password refused", string.Join(" ", changed.Errors.Select(e => e.Description)), "newPassword");
        // The change renews the security stamp, which ends the user's other cookie sessions; this one is renewed to stay.
        if (principal.Identity?.AuthenticationType != BearerTokenHandler.SchemeName) await signIn.RefreshSignInAsync(verified);
        return Results.NoContent();
    }

    private static async Task<IResult> Logout(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.NoContent();
    }

    private static async Task<IResult> Me(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.FindByIdAsync(principal.UserId().ToString());
        return user is null ? Problems.Unauthorized("the account no longer exists") : Results.Ok(await ViewAsync(users, user));
    }

    public static async Task<UserView> ViewAsync(UserManager<AppUser> users, AppUser user) =>
        new(user.Id, user.Email ?? "", user.DisplayName, (await users.GetRolesAsync(user)).Order().ToList(), user.Language);

    private static async Task<IResult?> WeakPasswordAsync(UserManager<AppUser> users, AppUser user, string? password, string title, string field)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators) errors.AddRange((await validator.ValidateAsync(users, user, password ?? "")).Errors);
        return errors.Count == 0 ? null : Problems.BadRequest(title, string.Join(" ", errors.Select(e => e.Description)), field);
    }
}
