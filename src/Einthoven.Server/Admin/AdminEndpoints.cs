using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Admin;

public sealed record RoleRequest(string Role);
public sealed record AdminUserView(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTime CreatedAt, bool LockedOut);

/// <summary>
/// What a platform admin needs to run accounts: list users and their roles, give or take roles (doctors are made
/// here), lift a lockout. Admins do not read recordings; see docs/SERVER.md.
/// </summary>
public static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/users").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapGet("/", List).WithSummary("Every account with its roles (no medical data)");
        admin.MapPost("/{id:guid}/roles", AddRole).WithSummary("Give a role (Patient, Doctor, Admin)");
        admin.MapDelete("/{id:guid}/roles/{role}", RemoveRole).WithSummary("Take a role away");
        admin.MapPost("/{id:guid}/unlock", Unlock).WithSummary("Lift a sign-in lockout (of the account and of every address)");
    }

    private static async Task<IResult> List(UserManager<AppUser> users, TimeProvider time, CancellationToken ct)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var now = time.GetUtcNow();
        var views = new List<AdminUserView>();
        foreach (var u in all)
            views.Add(new AdminUserView(u.Id, u.Email ?? "", u.DisplayName, (await users.GetRolesAsync(u)).Order().ToList(), u.CreatedAt, u.LockoutEnd > now));
        return Results.Ok(views);
    }

    private static async Task<IResult> AddRole(Guid id, RoleRequest body, UserManager<AppUser> users)
    {
        var role = Roles.All.FirstOrDefault(r => string.Equals(r, body.Role, StringComparison.OrdinalIgnoreCase));
        if (role is null) return Problems.BadRequest("unknown role", $"role must be one of {string.Join(", ", Roles.All)}", "role");
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Problems.NotFound("user");
        if (!await users.IsInRoleAsync(user, role)) await users.AddToRoleAsync(user, role);
        return Results.Ok(await AuthEndpoints.ViewAsync(users, user));
    }

    private static async Task<IResult> RemoveRole(Guid id, string role, UserManager<AppUser> users)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Problems.NotFound("user");
        var known = Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
        if (known is not null && await users.IsInRoleAsync(user, known)) await users.RemoveFromRoleAsync(user, known);
        return Results.Ok(await AuthEndpoints.ViewAsync(users, user));
    }

    private static async Task<IResult> Unlock(Guid id, UserManager<AppUser> users, SignInThrottle throttle)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Problems.NotFound("user");
        throttle.Forget(users.NormalizeEmail(user.Email) ?? ""); // the stored NormalizedEmail is protected
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return Results.NoContent();
    }
}
