using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Monitoring;

/// <summary>Admins set up organisations and their staff (monitoring, paramedics, cardiologists who verify its patients' recordings); anyone signed in can list organisations to enrol with.</summary>
public static class OrganisationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/organisations").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapPost("/", Create).Produces<OrganisationView>(StatusCodes.Status201Created).ProducesProblem(400)
            .WithSummary("Create an organisation that monitors patients at home");
        admin.MapPost("/{id:guid}/members", AddMember).Produces<MemberView>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Make a user with the Monitor, Paramedic or Cardiologist role a member of the organisation (paramedics: of one of its teams)");
        app.MapGet("/api/monitoring/organisations", List).WithTags("Live monitoring").RequireAuthorization().Produces<List<OrganisationView>>()
            .WithSummary("Organisations a patient can enrol with (names only)");
    }

    private static async Task<IResult> Create(NewOrganisationRequest body, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) return Problems.BadRequest("invalid name", "name must be 1-200 characters", "name");
        var org = new Organisation { Id = Guid.NewGuid(), Name = name, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Organisations.Add(org);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/admin/organisations/{org.Id}", new OrganisationView(org.Id, org.Name));
    }

    private static async Task<IResult> AddMember(Guid id, NewMemberRequest body, AppDb db, UserManager<AppUser> users, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id, ct)) return Problems.NotFound("organisation");
        var user = await users.FindByIdAsync(body.UserId.ToString());
        if (user is null) return Problems.NotFound("user");
        if (!await users.IsInRoleAsync(user, Roles.Monitor) && !await users.IsInRoleAsync(user, Roles.Paramedic) && !await users.IsInRoleAsync(user, Roles.Cardiologist))
            return Problems.BadRequest("not staff", "give the user the Monitor, Paramedic or Cardiologist role first", "userId");
        if (body.TeamId is { } team && !await db.ParamedicTeams.AnyAsync(t => t.Id == team && t.OrganisationId == id, ct))
            return Problems.BadRequest("unknown team", "teamId is not a team of this organisation", "teamId");
        var member = await db.StaffMemberships.FindAsync([user.Id, id], ct);
        if (member is null) db.StaffMemberships.Add(member = new StaffMembership { UserId = user.Id, OrganisationId = id });
        member.TeamId = body.TeamId;
        await db.SaveChangesAsync(ct);
        return Results.Ok(new MemberView(member.UserId, member.OrganisationId, member.TeamId));
    }

    private static async Task<IResult> List(AppDb db, CancellationToken ct) =>
        Results.Ok(await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new OrganisationView(o.Id, o.Name)).ToListAsync(ct));
}
