using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Monitoring;

/// <summary>A patient enrols with one organisation for live monitoring (consent, home location) and can end it at any time.</summary>
public static class EnrolmentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/monitoring/enrolment").WithTags("Live monitoring").RequireAuthorization(p => p.RequireRole(Roles.Patient));
        group.MapGet("/", Get).Produces<EnrolmentView>().ProducesProblem(404).WithSummary("Your current enrolment for live monitoring");
        group.MapPut("/", Enrol).Produces<EnrolmentView>().ProducesProblem(400)
            .WithSummary("Enrol with an organisation (or move your home location): its monitoring staff then see your live ECG, alerts and history");
        group.MapDelete("/", End).Produces(StatusCodes.Status204NoContent).ProducesProblem(404)
            .WithSummary("End your enrolment: the organisation no longer sees your data");
        app.MapGet("/api/monitoring/my-alerts", MyAlerts).WithTags("Live monitoring").RequireAuthorization(p => p.RequireRole(Roles.Patient))
            .Produces<List<AlertView>>().WithSummary("The alerts the live analysis raised on your streams (streamId: one stream), newest first");
    }

    private static async Task<IResult> MyAlerts(Guid? streamId, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        var me = user.UserId();
        var alerts = await db.LiveAlerts.AsNoTracking().Where(a => a.PatientId == me && (streamId == null || a.StreamId == streamId))
            .OrderByDescending(a => a.RaisedAt).Take(5000).ToListAsync(ct);
        var name = (await MonitoredPatients.NamesAsync(db, [me], ct)).GetValueOrDefault(me, "");
        return Results.Ok(alerts.Select(a => AlertViews.Of(a, name)).ToList());
    }

    private static async Task<IResult> Get(ClaimsPrincipal user, AppDb db, CancellationToken ct) =>
        await ViewAsync(db, user.UserId(), ct) is { } view ? Results.Ok(view) : Problems.NotFound("enrolment");

    private static async Task<IResult> Enrol(EnrolmentRequest body, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        if (!GreatCircle.IsValid(body.HomeLatitude, body.HomeLongitude))
            return Problems.BadRequest("invalid location", "homeLatitude must be -90..90 and homeLongitude -180..180", "homeLatitude");
        if (body.KnownConditions?.Length > 2000) return Problems.BadRequest("too long", "knownConditions may have 2000 characters", "knownConditions");
        if (!await db.Organisations.AnyAsync(o => o.Id == body.OrganisationId, ct)) return Problems.BadRequest("unknown organisation", "no organisation with that id", "organisationId");
        var me = user.UserId();
        var now = time.GetUtcNow().UtcDateTime;
        var current = await db.Enrolments.SingleOrDefaultAsync(e => e.PatientId == me && e.EndedAt == null, ct);
        if (current is not null && current.OrganisationId != body.OrganisationId)
        {
            current.EndedAt = now;
            current = null;
        }
        if (current is null) db.Enrolments.Add(current = new Enrolment { Id = Guid.NewGuid(), PatientId = me, OrganisationId = body.OrganisationId, EnrolledAt = now });
        current.HomeLatitude = body.HomeLatitude;
        current.HomeLongitude = body.HomeLongitude;
        current.KnownConditions = body.KnownConditions?.Trim() ?? current.KnownConditions;
        await db.SaveChangesAsync(ct);
        return Results.Ok(await ViewAsync(db, me, ct));
    }

    private static async Task<IResult> End(ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var me = user.UserId();
        var ended = await db.Enrolments.Where(e => e.PatientId == me && e.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.EndedAt, time.GetUtcNow().UtcDateTime), ct);
        return ended > 0 ? Results.NoContent() : Problems.NotFound("enrolment");
    }

    private static async Task<EnrolmentView?> ViewAsync(AppDb db, Guid patient, CancellationToken ct)
    {
        var e = await db.Enrolments.AsNoTracking().SingleOrDefaultAsync(x => x.PatientId == patient && x.EndedAt == null, ct);
        if (e is null) return null;
        var org = await db.Organisations.Where(o => o.Id == e.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        return new EnrolmentView(e.Id, e.OrganisationId, org, e.HomeLatitude, e.HomeLongitude, e.KnownConditions, EnrolmentSettings.Read(e.SettingsJson), e.EnrolledAt);
    }
}
