using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Monitoring;

/// <summary>
/// Paramedic teams and dispatch: staff keep their organisation's teams (base, availability); an escalated alert
/// proposes the available teams nearest the patient's home by great-circle distance; staff assign one, and the team's
/// paramedic records the hand-over, which frees the team.
/// </summary>
public static class DispatchEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/api/monitoring/teams").WithTags("Dispatch");
        teams.MapGet("/", Teams).RequireAuthorization(p => p.RequireRole(Roles.Monitor, Roles.Paramedic)).Produces<List<TeamView>>()
            .WithSummary("Your organisations' paramedic teams with their base and availability");
        teams.MapPost("/", CreateTeam).RequireAuthorization(p => p.RequireRole(Roles.Monitor)).Produces<TeamView>(StatusCodes.Status201Created).ProducesProblem(400)
            .WithSummary("Add a paramedic team to one of your organisations");
        teams.MapPut("/{id:guid}/availability", SetAvailability).RequireAuthorization(p => p.RequireRole(Roles.Monitor, Roles.Paramedic))
            .Produces<TeamView>().ProducesProblem(400).ProducesProblem(404).WithSummary("Available, Dispatched or OffDuty (a paramedic: their own team)");
        var alerts = app.MapGroup("/api/monitoring/alerts/{id:guid}/dispatch").WithTags("Dispatch").RequireAuthorization(p => p.RequireRole(Roles.Monitor));
        alerts.MapGet("/", Propose).Produces<DispatchProposalView>().ProducesProblem(404)
            .WithSummary("The available teams nearest the patient's home, by great-circle distance");
        alerts.MapPost("/", Assign).Produces<DispatchView>(StatusCodes.Status201Created).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Send a team to an escalated alert");
        var medic = app.MapGroup("/api/paramedic/dispatches").WithTags("Dispatch").RequireAuthorization(p => p.RequireRole(Roles.Paramedic));
        medic.MapGet("/", MyDispatches).Produces<List<ParamedicDispatchView>>().WithSummary("Your team's dispatches, open first");
        medic.MapPost("/{id:guid}/handover", HandOver).Produces<DispatchView>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Record the hand-over of the patient; the team is available again");
    }

    private static IQueryable<ParamedicTeam> VisibleTeams(AppDb db, Guid staff) =>
        db.ParamedicTeams.Where(t => MonitoringAccess.OrganisationsOf(db, staff).Contains(t.OrganisationId));

    private static TeamView View(ParamedicTeam t) => new(t.Id, t.OrganisationId, t.Name, t.BaseLatitude, t.BaseLongitude, t.Availability.ToString());

    private static async Task<IResult> Teams(ClaimsPrincipal user, AppDb db, CancellationToken ct) =>
        Results.Ok((await VisibleTeams(db, user.UserId()).AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)).Select(View).ToList());

    private static async Task<IResult> CreateTeam(NewTeamRequest body, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        if (!await MonitoringAccess.OrganisationsOf(db, user.UserId()).ContainsAsync(body.OrganisationId, ct))
            return Problems.BadRequest("not your organisation", "you are not a member of that organisation", "organisationId");
        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return Problems.BadRequest("invalid name", "name must be 1-100 characters", "name");
        if (!GreatCircle.IsValid(body.BaseLatitude, body.BaseLongitude)) return Problems.BadRequest("invalid location", "baseLatitude -90..90, baseLongitude -180..180", "baseLatitude");
        var team = new ParamedicTeam { Id = Guid.NewGuid(), OrganisationId = body.OrganisationId, Name = name, BaseLatitude = body.BaseLatitude, BaseLongitude = body.BaseLongitude };
        db.ParamedicTeams.Add(team);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/monitoring/teams/{team.Id}", View(team));
    }

    private static async Task<IResult> SetAvailability(Guid id, AvailabilityRequest body, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        if (!Enum.TryParse<TeamAvailability>(body.Availability, true, out var availability))
            return Problems.BadRequest("unknown availability", "availability must be Available, Dispatched or OffDuty", "availability");
        var me = user.UserId();
        var team = await VisibleTeams(db, me).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null || !user.IsInRole(Roles.Monitor) && !await db.StaffMemberships.AnyAsync(m => m.UserId == me && m.TeamId == id, ct))
            return Problems.NotFound("team");
        team.Availability = availability;
        await db.SaveChangesAsync(ct);
        return Results.Ok(View(team));
    }

    private static async Task<IResult> Propose(Guid id, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        var me = user.UserId();
        var alert = await MonitoringEndpoints.Visible(db, me).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return Problems.NotFound("alert");
        var home = await db.Enrolments.AsNoTracking().FirstAsync(e => e.PatientId == alert.PatientId && e.OrganisationId == alert.OrganisationId && e.EndedAt == null, ct);
        var teams = await db.ParamedicTeams.AsNoTracking().Where(t => t.OrganisationId == alert.OrganisationId && t.Availability == TeamAvailability.Available).ToListAsync(ct);
        var proposals = teams.Select(t => new TeamProposalView(View(t), Math.Round(GreatCircle.DistanceKm(home.HomeLatitude, home.HomeLongitude, t.BaseLatitude, t.BaseLongitude), 2)))
            .OrderBy(p => p.DistanceKm).ToList();
        return Results.Ok(new DispatchProposalView(id, home.HomeLatitude, home.HomeLongitude, proposals));
    }

    private static async Task<IResult> Assign(Guid id, DispatchRequest body, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var me = user.UserId();
        var alert = await MonitoringEndpoints.Visible(db, me).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return Problems.NotFound("alert");
        var team = await db.ParamedicTeams.SingleOrDefaultAsync(t => t.Id == body.TeamId && t.OrganisationId == alert.OrganisationId, ct);
        if (team is null) return Problems.NotFound("team");
        if (AlertTransitions.Next(alert.State, "dispatch") is not { } next) return Problems.Conflict($"only an escalated alert can get a team; this one is {alert.State}");
        if (team.Availability != TeamAvailability.Available) return Problems.Conflict($"{team.Name} is {team.Availability}");
        var home = await db.Enrolments.AsNoTracking().FirstAsync(e => e.PatientId == alert.PatientId && e.OrganisationId == alert.OrganisationId && e.EndedAt == null, ct);
        var dispatch = new Dispatch
        {
            Id = Guid.NewGuid(), AlertId = id, TeamId = team.Id, AssignedBy = me, AssignedAt = time.GetUtcNow().UtcDateTime,
            DistanceKm = Math.Round(GreatCircle.DistanceKm(home.HomeLatitude, home.HomeLongitude, team.BaseLatitude, team.BaseLongitude), 2),
        };
        db.Dispatches.Add(dispatch);
        team.Availability = TeamAvailability.Dispatched;
        await AlertTransitions.ApplyAsync(db, alert, next, "dispatch", me, $"{team.Name}, {dispatch.DistanceKm:0.##} km", time, ct);
        return Results.Created($"/api/paramedic/dispatches/{dispatch.Id}", (await AlertDetails.DispatchesAsync(db, [id], ct)).Single(d => d.Id == dispatch.Id));
    }

    private static async Task<IResult> MyDispatches(ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        var me = user.UserId();
        var teams = db.StaffMemberships.Where(m => m.UserId == me && m.TeamId != null).Select(m => m.TeamId!.Value);
        var dispatches = await db.Dispatches.AsNoTracking().Where(d => teams.Contains(d.TeamId)).Select(d => d.AlertId).ToListAsync(ct);
        var views = await AlertDetails.DispatchesAsync(db, dispatches, ct);
        var alerts = await db.LiveAlerts.AsNoTracking().Where(a => dispatches.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var patients = alerts.Values.Select(a => a.PatientId).ToList();
        var homes = (await db.Enrolments.AsNoTracking().Where(e => patients.Contains(e.PatientId) && e.EndedAt == null).ToListAsync(ct)).ToDictionary(e => e.PatientId);
        var names = await MonitoredPatients.NamesAsync(db, patients, ct);
        return Results.Ok(views.Where(v => homes.ContainsKey(alerts[v.AlertId].PatientId)).Select(v =>
        {
            var alert = alerts[v.AlertId];
            var home = homes[alert.PatientId];
            return new ParamedicDispatchView(v, AlertViews.Of(alert, names.GetValueOrDefault(alert.PatientId, "")), home.HomeLatitude, home.HomeLongitude, home.KnownConditions);
        }).OrderBy(v => v.Dispatch.HandedOverAt is not null).ThenByDescending(v => v.Dispatch.AssignedAt).ToList());
    }

    private static async Task<IResult> HandOver(Guid id, HandOverRequest body, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var me = user.UserId();
        var dispatch = await db.Dispatches.SingleOrDefaultAsync(d => d.Id == id && db.StaffMemberships.Any(m => m.UserId == me && m.TeamId == d.TeamId), ct);
        if (dispatch is null) return Problems.NotFound("dispatch");
        if (dispatch.HandedOverAt is not null) return Problems.Conflict("the hand-over is already recorded");
        if (body.Note?.Length > 2000) return Problems.BadRequest("note too long", "a note may have 2000 characters", "note");
        dispatch.HandedOverAt = time.GetUtcNow().UtcDateTime;
        dispatch.HandedOverBy = me;
        dispatch.HandOverNote = body.Note?.Trim() ?? "";
        await db.ParamedicTeams.Where(t => t.Id == dispatch.TeamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Availability, TeamAvailability.Available), ct);
        db.AlertActions.Add(new AlertAction { Id = Guid.NewGuid(), AlertId = dispatch.AlertId, ActorId = me, Action = "handover", Note = dispatch.HandOverNote, At = dispatch.HandedOverAt.Value });
        await db.SaveChangesAsync(ct);
        return Results.Ok((await AlertDetails.DispatchesAsync(db, [dispatch.AlertId], ct)).Single(d => d.Id == id));
    }
}
