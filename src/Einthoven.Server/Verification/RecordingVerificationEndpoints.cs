using System.Security.Claims;
using Einthoven.Server.Api;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Verification;

/// <summary>
/// A recording's verification: the patient (or a doctor with a live grant) pushes it to the cardiologists; whoever
/// may read it sees its requests, the physician sets with their progress, and where the sets disagree.
/// </summary>
public static class RecordingVerificationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/recordings/{id:guid}/verification").WithTags("Verification").RequireAuthorization();
        group.MapPost("/", Push).Produces<VerificationRequestView>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403)
            .ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Push the recording for verification by the cardiologists assigned to the patient (and those of organisationId, one the patient is enrolled with)");
        group.MapGet("/", Get).Produces<RecordingVerificationView>().ProducesProblem(404)
            .WithSummary("The recording's verification requests and physician sets (author, times, AI model, progress)");
        group.MapGet("/disagreements", Disagree).Produces<DisagreementsView>().ProducesProblem(404)
            .WithSummary("Beats where the cardiologists' sets differ (matched within 150 ms: another label, or missing in one set)");
    }

    private static async Task<IResult> Push(Guid id, PushRequest? body, ClaimsPrincipal user, AppDb db, PatientAccess access, Audit.AuditLog audit,
        TimeProvider time, CancellationToken ct)
    {
        var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (recording is null || !await access.CanReadRecordingAsync(user, recording, ct)) return Problems.NotFound("recording");
        var me = user.UserId();
        if (!await MayPushAsync(user, recording, access, ct))
            return Problems.Forbidden("only the patient, or a doctor the patient granted access, can push a recording for verification");
        if (body?.OrganisationId is { } org && !await EnrolledWith(db, recording.PatientId, org).AnyAsync(ct))
            return Problems.BadRequest("not enrolled", "organisationId must be an organisation the patient is enrolled with, or left out", "organisationId");
        if (await db.VerificationRequests.AnyAsync(r => r.RecordingId == id && r.Status == VerificationStatus.Open, ct))
            return Problems.Conflict("this recording is already waiting for verification");
        var request = new VerificationRequest
        {
            Id = Guid.NewGuid(), RecordingId = id, PatientId = recording.PatientId, OrganisationId = body?.OrganisationId, RequestedBy = me,
            RequestedAt = time.GetUtcNow().UtcDateTime, Status = VerificationStatus.Open,
        };
        db.VerificationRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(me, recording.PatientId, "verification.push", id, ct);
        return Results.Created($"/api/recordings/{id}/verification", (await VerificationViews.RequestsAsync(db, [request], ct)).Single());
    }

    private static async Task<bool> MayPushAsync(ClaimsPrincipal user, Recordings.Recording recording, PatientAccess access, CancellationToken ct) =>
        user.UserId() == recording.PatientId || await access.HoldsGrantAsync(user, recording.PatientId, ct);

    /// <summary>The organisations the patient is enrolled with now (only <paramref name="only"/> when given).</summary>
    private static IQueryable<Monitoring.OrganisationView> EnrolledWith(AppDb db, Guid patient, Guid? only) =>
        db.Organisations.AsNoTracking().Where(o => (only == null || o.Id == only)
                                                   && db.Enrolments.Any(e => e.PatientId == patient && e.OrganisationId == o.Id && e.EndedAt == null))
            .OrderBy(o => o.Name).Select(o => new Monitoring.OrganisationView(o.Id, o.Name));

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, CancellationToken ct)
    {
        var recording = await access.ReadRecordingAsync(user, id, "verification.read", ct);
        if (recording is null) return Problems.NotFound("recording");
        var requests = await db.VerificationRequests.AsNoTracking().Where(r => r.RecordingId == id).OrderBy(r => r.RequestedAt).Take(100).ToListAsync(ct);
        var sets = await VerificationViews.SetsAsync(db, db.BeatVerifications.Where(v => v.RecordingId == id), ct);
        var canPush = await MayPushAsync(user, recording, access, ct);
        var organisations = canPush ? await EnrolledWith(db, recording.PatientId, null).ToListAsync(ct) : [];
        return Results.Ok(new RecordingVerificationView(id, await VerificationViews.RequestsAsync(db, requests, ct), sets, canPush, organisations, Disclaimer.Text));
    }

    private static async Task<IResult> Disagree(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, CancellationToken ct)
    {
        var recording = await access.ReadRecordingAsync(user, id, "verification.disagreements", ct);
        if (recording is null) return Problems.NotFound("recording");
        // Each cardiologist's latest set of the recording.
        var rows = (await db.BeatVerifications.AsNoTracking().Where(v => v.RecordingId == id).ToListAsync(ct))
            .GroupBy(v => v.CardiologistId).Select(g => g.MaxBy(v => v.StartedAt)!).OrderBy(v => v.StartedAt).ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var sets = await VerificationViews.SetsAsync(db, db.BeatVerifications.Where(v => ids.Contains(v.Id)), ct);
        var found = Disagreements.Find(rows.Select(v => (v.Id, AnnotationSetCodec.Decode(v.Data))).ToList(), recording.SamplingFrequency);
        return Results.Ok(new DisagreementsView(id, sets, found.Count, found.Take(Disagreements.MaxListed).ToList(), Disclaimer.Text));
    }
}
