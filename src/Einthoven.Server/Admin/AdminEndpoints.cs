using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Admin;

public sealed record RoleRequest(string Role);
public sealed record AdminUserView(
    Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTime CreatedAt, bool LockedOut, DateTime? LockoutEnd, int AccessFailedCount);

/// <summary>
/// The admin API under /api/admin (the audit log's admin view is in <see cref="Audit.AuditEndpoints"/>): accounts here,
/// storage use, analysis jobs and health in their own files. Admins run the platform; they never read medical data,
/// so no answer here carries a recording's name, samples or analysis. See docs/SERVER.md.
/// </summary>
public static class AdminEndpoints
{
    private const int MaxUsers = 500;

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        var users = admin.MapGroup("/users");
        users.MapGet("/", List).WithSummary("Accounts with their roles and lockout state, by e-mail; q searches e-mail and name, locked=true keeps locked accounts (no medical data)")
            .Produces<List<AdminUserView>>().ProducesProblem(400);
        users.MapPost("/{id:guid}/roles", AddRole).WithSummary("Give a role (Patient, Doctor, Admin)")
            .Produces<UserView>().ProducesProblem(400).ProducesProblem(404);
        users.MapDelete("/{id:guid}/roles/{role}", RemoveRole).WithSummary("Take a role away (the last admin keeps Admin)")
            .Produces<UserView>().ProducesProblem(404).ProducesProblem(409);
        users.MapPost("/{id:guid}/unlock", Unlock).WithSummary("Lift a sign-in lockout").Produces(204).ProducesProblem(404);
        AdminStorageEndpoint.Map(admin);
        AdminJobEndpoints.Map(admin);
        AdminHealthEndpoint.Map(admin);
    }

    private static async Task<IResult> List(AppDb db, TimeProvider time, string? q, bool? locked, int? take, CancellationToken ct)
    {
        if (take is < 1 or > MaxUsers) return Problems.BadRequest("invalid page size", $"take must be 1-{MaxUsers}", "take");
        var now = time.GetUtcNow();
        var size = take ?? 200;
        var page = (await AccountSearch.MatchingAsync(db, q, ct)).Where(u => locked != true || u.LockoutEnd > now).Take(size).ToList();
        var ids = page.Select(u => u.Id).ToList();
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                            where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name!);
        return Results.Ok(page.Select(u => new AdminUserView(u.Id, u.Email ?? "", u.DisplayName, roles[u.Id].Order().ToList(), u.CreatedAt,
            u.LockoutEnd > now, u.LockoutEnd > now ? u.LockoutEnd.Value.UtcDateTime : null, u.AccessFailedCount)).ToList());
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
        if (known is null || !await users.IsInRoleAsync(user, known)) return Results.Ok(await AuthEndpoints.ViewAsync(users, user));
        // Nobody could give the role back: admins are made only by admins.
        if (known == Roles.Admin && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
            return Problems.Conflict("this is the last admin account; make another admin first");
        await users.RemoveFromRoleAsync(user, known);
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
