using System.Security.Claims;
using Einthoven.Monitoring;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Audit;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Monitoring;

/// <summary>
/// The monitoring staff's dashboard API: their organisation's enrolled patients with live status and history, the
/// alert list (worst first), an alert with its evidence, and acknowledge / escalate / resolve with a note. Every read
/// of a patient's data is audited; every action on an alert is kept in its trail.
/// </summary>
public static class MonitoringEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/monitoring").WithTags("Live monitoring").RequireAuthorization(p => p.RequireRole(Roles.Monitor));
        staff.MapGet("/patients", Patients).Produces<List<MonitoredPatientView>>().WithSummary("Patients enrolled with your organisations, with live status and open alerts");
        staff.MapGet("/patients/{id:guid}", History).Produces<PatientHistoryView>().ProducesProblem(404)
            .WithSummary("A monitored patient's history: known conditions, thresholds, earlier recordings with their analysis, recent alerts");
        staff.MapPut("/patients/{id:guid}/settings", Settings).Produces<MonitorSettings>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Set the patient's alert thresholds (brady/tachy limits, pause, asystole, ...)");
        staff.MapGet("/alerts", Alerts).Produces<List<AlertView>>()
            .WithSummary("Alerts of your organisations, worst first then newest; state=open (default: not resolved) or all");
        staff.MapGet("/alerts/{id:guid}", Alert).Produces<AlertDetailView>().ProducesProblem(404).WithSummary("An alert with its evidence strip, trail and dispatches");
        foreach (var action in AlertTransitions.Actions)
            staff.MapPost($"/alerts/{{id:guid}}/{action}", (Guid id, AlertNoteRequest body, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct) =>
                    ActAsync(id, action, body.Note, user, db, time, ct))
                .Produces<AlertView>().ProducesProblem(404).ProducesProblem(409).WithSummary($"{char.ToUpperInvariant(action[0])}{action[1..]} the alert, with a note");
    }

    public static IQueryable<LiveAlert> Visible(AppDb db, Guid staff) =>
        db.LiveAlerts.Where(a => MonitoringAccess.OrganisationsOf(db, staff).Contains(a.OrganisationId)
                                 && db.Enrolments.Any(e => e.PatientId == a.PatientId && e.OrganisationId == a.OrganisationId && e.EndedAt == null));

    private static async Task<IResult> Patients(ClaimsPrincipal user, AppDb db, CancellationToken ct) =>
        Results.Ok(await MonitoredPatients.ListAsync(db, user.UserId(), null, ct));

    private static async Task<IResult> History(Guid id, ClaimsPrincipal user, AppDb db, AuditLog audit, CancellationToken ct)
    {
        var me = user.UserId();
        var patient = (await MonitoredPatients.ListAsync(db, me, id, ct)).SingleOrDefault();
        if (patient is null) return Problems.NotFound("monitored patient");
        await audit.RecordAsync(me, id, "monitoring.history", null, ct);
        var settings = EnrolmentSettings.Read(await db.Enrolments.Where(e => e.PatientId == id && e.EndedAt == null).Select(e => e.SettingsJson).FirstAsync(ct));
        var recordings = await MonitoredPatients.RecordingsAsync(db, id, ct);
        var alerts = await Visible(db, me).Where(a => a.PatientId == id).OrderByDescending(a => a.RaisedAt).Take(50).ToListAsync(ct);
        return Results.Ok(new PatientHistoryView(patient, settings, recordings, alerts.Select(a => AlertViews.Of(a, patient.Name)).ToList()));
    }

    private static async Task<IResult> Settings(Guid id, MonitorSettings body, ClaimsPrincipal user, AppDb db, AuditLog audit, CancellationToken ct)
    {
        var me = user.UserId();
        if (!await MonitoringAccess.CanMonitorAsync(db, me, id, ct)) return Problems.NotFound("monitored patient");
        try { body.Validate(); }
        catch (ArgumentOutOfRangeException e) { return Problems.BadRequest("invalid threshold", e.Message.Split(Environment.NewLine)[0], e.ParamName); }
        var json = EnrolmentSettings.Write(body);
        await db.Enrolments.Where(e => e.PatientId == id && e.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(e => e.SettingsJson, json), ct);
        await audit.RecordAsync(me, id, "monitoring.settings", null, ct);
        return Results.Ok(body);
    }

    private static async Task<IResult> Alerts(string? state, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        var query = Visible(db, user.UserId());
        if (state != "all") query = query.Where(a => a.State != AlertState.Resolved);
        var alerts = await query.OrderByDescending(a => a.Rank).ThenByDescending(a => a.RaisedAt).Take(500).ToListAsync(ct);
        var names = await MonitoredPatients.NamesAsync(db, alerts.Select(a => a.PatientId), ct);
        return Results.Ok(alerts.Select(a => AlertViews.Of(a, names.GetValueOrDefault(a.PatientId, ""))).ToList());
    }

    private static async Task<IResult> Alert(Guid id, ClaimsPrincipal user, AppDb db, AuditLog audit, CancellationToken ct)
    {
        var me = user.UserId();
        var alert = await Visible(db, me).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return Problems.NotFound("alert");
        await audit.RecordAsync(me, alert.PatientId, "monitoring.alert", null, ct);
        return Results.Ok(await AlertDetails.LoadAsync(db, alert, ct));
    }

    private static async Task<IResult> ActAsync(Guid id, string action, string? note, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var alert = await Visible(db, user.UserId()).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return Problems.NotFound("alert");
        if (AlertTransitions.Next(alert.State, action) is not { } next)
            return Problems.Conflict($"an alert that is {alert.State} cannot be {AlertTransitions.PastTense(action)}");
        if (note?.Length > 2000) return Problems.BadRequest("note too long", "a note may have 2000 characters", "note");
        await AlertTransitions.ApplyAsync(db, alert, next, action, user.UserId(), note ?? "", time, ct);
        var names = await MonitoredPatients.NamesAsync(db, [alert.PatientId], ct);
        return Results.Ok(AlertViews.Of(alert, names.GetValueOrDefault(alert.PatientId, "")));
    }
}
