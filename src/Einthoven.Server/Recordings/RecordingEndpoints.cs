using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Recordings;

/// <summary>List, describe and delete recordings. Upload, download, viewer and analysis have their own files.</summary>
public static class RecordingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/recordings").WithTags("Recordings").RequireAuthorization();
        group.MapGet("/", List).WithSummary("Recordings by date, newest first: yours, or a patient's who granted you access (patientId)")
            .Produces<List<RecordingView>>().ProducesProblem(404);
        group.MapGet("/{id:guid}", Get).WithSummary("One recording: leads, calibration, metadata, annotation counts, analysis state")
            .Produces<RecordingDetail>().ProducesProblem(404);
        group.MapDelete("/{id:guid}", Delete).WithSummary("Delete one of your recordings with all its data")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(403).ProducesProblem(404);
    }

    private static async Task<IResult> List(ClaimsPrincipal user, AppDb db, PatientAccess access, Guid? patientId, DateTime? from, DateTime? to, CancellationToken ct)
    {
        var patient = patientId ?? user.UserId();
        if (!await access.ReadPatientAsync(user, patient, "recordings.list", ct)) return Problems.NotFound("patient");
        var query = db.Recordings.AsNoTracking().Where(r => r.PatientId == patient);
        if (from is { } f) query = query.Where(r => r.RecordedAt >= f.ToUniversalTime());
        if (to is { } t) query = query.Where(r => r.RecordedAt < t.ToUniversalTime());
        var rows = await query.OrderByDescending(r => r.RecordedAt).ToListAsync(ct);
        return Results.Ok(rows.Select(RecordingView.Of).ToList());
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, CancellationToken ct)
    {
        var recording = await access.ReadRecordingAsync(user, id, "recording.read", ct);
        if (recording is null) return Problems.NotFound("recording");
        var info = RecordingLoader.Info(recording);
        var counts = await db.AnnotationSets.AsNoTracking().Where(a => a.RecordingId == id).ToDictionaryAsync(a => a.Annotator, a => a.Count, ct);
        var job = await db.AnalysisJobs.AsNoTracking().Where(j => j.RecordingId == id).OrderByDescending(j => j.CreatedAt).FirstOrDefaultAsync(ct);
        return Results.Ok(new RecordingDetail(RecordingView.Of(recording), info.Leads, info.Metadata, info.Comments, counts, job is null ? null : JobView.Of(job)));
    }

    private static async Task<IResult> Delete(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, SampleCache cache, CancellationToken ct)
    {
        var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (recording is null || !await access.CanReadPatientAsync(user, recording.PatientId, ct)) return Problems.NotFound("recording");
        if (recording.PatientId != user.UserId()) return Problems.Forbidden("only the patient can delete a recording");
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Physician sets cascade from their verification request, not from the recording (PostgreSQL checks the
            // recording's reference from them before that cascade reaches them), so they go first.
            await db.BeatVerifications.Where(v => v.RecordingId == id).ExecuteDeleteAsync(ct);
            await db.Recordings.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        });
        cache.Forget(id);
        return Results.NoContent();
    }
}
