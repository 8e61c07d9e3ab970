using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Audit;
using Einthoven.Server.Recordings;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Verification;

/// <summary>
/// A cardiologist's physician beat set: started from the AI's beats of a request routed to them, edited in batches
/// (saved at once, so progress survives a reload) and signed off. Whoever may read the recording may read a set.
/// </summary>
public static class VerificationSetEndpoints
{
    /// <summary>Edit batches are small JSON documents; anything larger is refused before it is read.</summary>
    public const long MaxEditBytes = 256 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var cardiologists = app.MapGroup("/api/verification").WithTags("Verification").RequireAuthorization(p => p.RequireRole(Roles.Cardiologist));
        cardiologists.MapPost("/requests/{id:guid}/sets", Start).Produces<VerificationSetDetail>(StatusCodes.Status201Created)
            .Produces<VerificationSetDetail>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Start your physician set of a request routed to you, from the AI's beats (201), or get yours if you started it (200)");
        cardiologists.MapPost("/sets/{id:guid}/edits", Edit).Produces<EditResultView>().ProducesProblem(400).ProducesProblem(403)
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).WithMetadata(new RequestSizeLimitAttribute(MaxEditBytes))
            .WithSummary($"Apply a batch of at most {BeatEdits.MaxOperations} edits to your set (confirm, relabel, add, delete), saved at once");
        cardiologists.MapPost("/sets/{id:guid}/complete", Complete).Produces<VerificationSetView>().ProducesProblem(403).ProducesProblem(404)
            .ProducesProblem(409).WithSummary("Sign your set off (confirmRemaining: confirm the beats not yet reviewed first)");
        app.MapGet("/api/verification/sets/{id:guid}", Get).WithTags("Verification").RequireAuthorization()
            .Produces<VerificationSetDetail>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("A physician set with its beats (from, to: seconds), for whoever may read the recording");
    }

    private static async Task<IResult> Start(Guid id, ClaimsPrincipal user, AppDb db, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var me = user.UserId();
        var request = await db.VerificationRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return Problems.NotFound("verification request");
        if (!await VerificationRouting.IsRoutedAsync(db, me, id, ct))
            return Problems.Forbidden("this verification request is not routed to you: you are neither assigned to the patient nor staff of its organisation");
        var recording = await db.Recordings.AsNoTracking().SingleAsync(r => r.Id == request.RecordingId, ct);
        if (await db.BeatVerifications.AsNoTracking().SingleOrDefaultAsync(v => v.RequestId == id && v.CardiologistId == me, ct) is { } mine)
            return Results.Ok(await DetailAsync(db, mine, recording, null, null, ct));
        var ai = await db.AnnotationSets.AsNoTracking().Where(a => a.RecordingId == recording.Id && a.Annotator == RecordingLoader.AnalysisAnnotator)
            .Select(a => a.Data).SingleOrDefaultAsync(ct);
        var analyzer = await db.AnalysisResults.AsNoTracking().Where(r => r.RecordingId == recording.Id).Select(r => r.Analyzer).SingleOrDefaultAsync(ct);
        if (ai is null || analyzer is null) return Problems.Conflict("the recording's analysis has not finished: there are no AI beats to verify yet");
        var beats = BeatEdits.FromAi(AnnotationSetCodec.Decode(ai));
        var now = time.GetUtcNow().UtcDateTime;
        var set = new BeatVerification
        {
            Id = Guid.NewGuid(), RequestId = id, RecordingId = recording.Id, CardiologistId = me, AiModel = analyzer, StartedAt = now, UpdatedAt = now,
            BeatCount = beats.Count, ReviewedCount = 0, Data = AnnotationSetCodec.Encode(beats),
        };
        db.BeatVerifications.Add(set);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // started twice at once: the first one counts
            set = await db.BeatVerifications.AsNoTracking().SingleAsync(v => v.RequestId == id && v.CardiologistId == me, ct);
            return Results.Ok(await DetailAsync(db, set, recording, null, null, ct));
        }
        await audit.RecordAsync(me, recording.PatientId, "verification.start", recording.Id, ct);
        return Results.Created($"/api/verification/sets/{set.Id}", await DetailAsync(db, set, recording, null, null, ct));
    }

    private static async Task<IResult> Get(Guid id, double? from, double? to, ClaimsPrincipal user, AppDb db, PatientAccess access, CancellationToken ct)
    {
        if (from is < 0 or double.NaN || to is double.NaN || (from is not null && to is not null && to < from))
            return Problems.BadRequest("invalid window", "need 0 <= from <= to (seconds)", "from");
        var set = await db.BeatVerifications.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct);
        if (set is null) return Problems.NotFound("verification set");
        var recording = await access.ReadRecordingAsync(user, set.RecordingId, "verification.set", ct);
        if (recording is null) return Problems.NotFound("verification set");
        return Results.Ok(await DetailAsync(db, set, recording, from, to, ct));
    }

    private static async Task<IResult> Edit(Guid id, EditBatch body, ClaimsPrincipal user, AppDb db, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        if (body.Operations is not { Count: > 0 } operations) return Problems.BadRequest("no edits", $"operations must hold 1-{BeatEdits.MaxOperations} edits", "operations");
        if (operations.Count > BeatEdits.MaxOperations)
            return Results.Problem(statusCode: 413, title: "batch too large", detail: $"a batch holds at most {BeatEdits.MaxOperations} operations; send the rest in another");
        var (set, recording, refusal) = await OwnSetAsync(id, user, db, ct);
        if (refusal is not null) return refusal;
        var edits = new BeatEdits(AnnotationSetCodec.Decode(set!.Data).ToList(), recording!.SamplingFrequency, recording.SampleCount);
        int changed;
        try { changed = edits.Apply(operations); }
        catch (BeatEditException e) { return Problems.BadRequest("edit refused", e.Message, e.Field); }
        if (!await SaveAsync(db, set, edits, time, ct)) return Problems.Conflict("the set changed meanwhile (another tab?): reload it and edit again");
        await audit.RecordAsync(user.UserId(), recording.PatientId, "verification.edit", recording.Id, ct);
        return Results.Ok(new EditResultView(await VerificationViews.OfAsync(db, set, ct), changed));
    }

    private static async Task<IResult> Complete(Guid id, [FromBody] CompleteRequest? body, ClaimsPrincipal user, AppDb db, AuditLog audit, TimeProvider time,
        CancellationToken ct)
    {
        var (set, recording, refusal) = await OwnSetAsync(id, user, db, ct);
        if (refusal is not null) return refusal;
        var edits = new BeatEdits(AnnotationSetCodec.Decode(set!.Data).ToList(), recording!.SamplingFrequency, recording.SampleCount);
        var remaining = edits.Beats.Count - edits.ReviewedCount;
        if (remaining > 0 && body?.ConfirmRemaining != true)
            return Problems.Conflict($"{remaining} beats are not reviewed yet: confirm them, or sign off with confirmRemaining: true");
        edits.ConfirmAll();
        var now = time.GetUtcNow().UtcDateTime;
        if (!await SaveAsync(db, set, edits, time, ct, completedAt: now)) return Problems.Conflict("the set changed meanwhile (another tab?): reload it and sign off again");
        await db.VerificationRequests.Where(r => r.Id == set.RequestId && r.Status == VerificationStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, VerificationStatus.Completed), ct);
        await audit.RecordAsync(user.UserId(), recording.PatientId, "verification.complete", recording.Id, ct);
        return Results.Ok(await VerificationViews.OfAsync(db, set, ct));
    }

    /// <summary>The caller's own set, still open, of a request still routed to them; or the problem that says why not.</summary>
    private static async Task<(BeatVerification?, Recording?, IResult?)> OwnSetAsync(Guid id, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        var me = user.UserId();
        var set = await db.BeatVerifications.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct);
        if (set is null || !await VerificationRouting.IsRoutedAsync(db, me, set.RequestId, ct)) return (null, null, Problems.NotFound("verification set"));
        if (set.CardiologistId != me) return (null, null, Problems.Forbidden("only the cardiologist who started this set can change it"));
        if (set.CompletedAt is { } done) return (null, null, Problems.Conflict($"this set was signed off at {done:u}; it can no longer change"));
        return (set, await db.Recordings.AsNoTracking().SingleAsync(r => r.Id == set.RecordingId, ct), null);
    }

    /// <summary>Writes the edited beats only if nobody saved the set since it was read (false otherwise).</summary>
    private static async Task<bool> SaveAsync(AppDb db, BeatVerification set, BeatEdits edits, TimeProvider time, CancellationToken ct, DateTime? completedAt = null)
    {
        var read = set.UpdatedAt;
        set.Data = AnnotationSetCodec.Encode(edits.Beats);
        set.BeatCount = edits.Beats.Count;
        set.ReviewedCount = edits.ReviewedCount;
        set.UpdatedAt = completedAt ?? time.GetUtcNow().UtcDateTime;
        set.CompletedAt = completedAt;
        var saved = await db.BeatVerifications.Where(v => v.Id == set.Id && v.UpdatedAt == read && v.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Data, set.Data).SetProperty(v => v.BeatCount, set.BeatCount)
                .SetProperty(v => v.ReviewedCount, set.ReviewedCount).SetProperty(v => v.UpdatedAt, set.UpdatedAt)
                .SetProperty(v => v.CompletedAt, set.CompletedAt), ct);
        return saved == 1;
    }

    private static async Task<VerificationSetDetail> DetailAsync(AppDb db, BeatVerification set, Recording recording, double? from, double? to, CancellationToken ct)
    {
        var fs = recording.SamplingFrequency;
        var beats = AnnotationSetCodec.Decode(set.Data).Where(b => (from is null || b.Sample / fs >= from) && (to is null || b.Sample / fs <= to))
            .Select(b => new VerifiedBeatView(b.Sample, Math.Round(b.Sample / fs, 6), BeatEdits.AiLabel(b), BeatEdits.Label(b.Code), b.Subtype == BeatEdits.Reviewed))
            .ToList();
        return new VerificationSetDetail(await VerificationViews.OfAsync(db, set, ct), fs, beats, Disclaimer.Text);
    }
}
