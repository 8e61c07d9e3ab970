using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Audit;
using Einthoven.Server.Localization;
using Einthoven.Server.Notifications;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Conclusions;

public sealed record ConclusionView(Guid Id, Guid RecordingId, Guid AuthorId, string AuthorName, string Text, DateTime WrittenAt, int Version);

public sealed record WriteConclusionRequest(string? Text);

/// <summary>
/// Doctors' conclusions on a recording. Whoever may read the recording reads them; a doctor holding a live grant from
/// the patient writes (or rewrites) their own, and the patient is told (notification kind doctor-conclusion, once per
/// version).
/// </summary>
public static class ConclusionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/recordings/{id:guid}").WithTags("Conclusions").RequireAuthorization();
        group.MapGet("/conclusions", List).Produces<List<ConclusionView>>().ProducesProblem(404)
            .WithSummary("Doctors' conclusions on the recording, newest first");
        group.MapPut("/conclusion", Write).Produces<ConclusionView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Write or rewrite your conclusion on the recording (a doctor holding a live grant from its patient); the patient is notified");
        group.MapDelete("/conclusion", Withdraw).Produces(204).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Withdraw your conclusion on the recording");
    }

    private static async Task<IResult> List(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, CancellationToken ct)
    {
        if (await access.ReadRecordingAsync(user, id, "read-conclusions", ct) is null) return Problems.NotFound("recording");
        var rows = await db.Conclusions.AsNoTracking().Where(c => c.RecordingId == id)
            .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new { c, u.DisplayName }).ToListAsync(ct);
        return Results.Ok(rows.OrderByDescending(r => r.c.WrittenAt).Select(r => View(r.c, r.DisplayName)).ToList());
    }

    private static async Task<IResult> Write(Guid id, WriteConclusionRequest body, ClaimsPrincipal user, AppDb db, PatientAccess access, AuditLog audit,
        INotificationQueue notifications, TimeProvider time, CancellationToken ct)
    {
        if (await WritableAsync(id, user, db, access, ct) is not { } recording) return await DenialAsync(id, user, db, access, ct);
        var text = body.Text?.Trim() ?? "";
        if (text.Length == 0)
            return Problems.BadRequest("invalid conclusion", new ProblemText("text: write the conclusion (it is empty)", "problems.conclusion.empty"), "text");
        if (text.Length > ConclusionModel.MaxLength)
            return Problems.BadRequest("invalid conclusion",
                new ProblemText($"text: at most {ConclusionModel.MaxLength} characters", "problems.conclusion.tooLong", ("max", ConclusionModel.MaxLength)), "text");

        var author = user.UserId();
        var conclusion = await db.Conclusions.SingleOrDefaultAsync(c => c.RecordingId == id && c.AuthorId == author, ct);
        if (conclusion is null)
            db.Add(conclusion = new Conclusion { Id = Guid.NewGuid(), RecordingId = id, PatientId = recording.PatientId, AuthorId = author });
        conclusion.Text = text;
        conclusion.WrittenAt = time.GetUtcNow().UtcDateTime;
        conclusion.Version++;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(author, recording.PatientId, "write-conclusion", id, ct);

        var doctor = await db.Users.AsNoTracking().Where(u => u.Id == author).Select(u => u.DisplayName).SingleAsync(ct);
        await notifications.EnqueueAsync(recording.PatientId, NotificationKinds.DoctorConclusion,
            new Dictionary<string, string> { ["recordingId"] = id.ToString(), ["recording"] = recording.Name, ["doctor"] = doctor },
            key: $"conclusion:{conclusion.Id}:{conclusion.Version}", ct: ct);
        return Results.Ok(View(conclusion, doctor));
    }

    private static async Task<IResult> Withdraw(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, AuditLog audit, CancellationToken ct)
    {
        if (await WritableAsync(id, user, db, access, ct) is not { } recording) return await DenialAsync(id, user, db, access, ct);
        var author = user.UserId();
        var removed = await db.Conclusions.Where(c => c.RecordingId == id && c.AuthorId == author).ExecuteDeleteAsync(ct);
        if (removed == 0) return Problems.NotFound("conclusion");
        await audit.RecordAsync(author, recording.PatientId, "withdraw-conclusion", id, ct);
        return Results.NoContent();
    }

    /// <summary>The recording when the user is a doctor holding a live grant from its patient.</summary>
    private static async Task<Recordings.Recording?> WritableAsync(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, CancellationToken ct)
    {
        var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return recording is not null && await access.HoldsGrantAsync(user, recording.PatientId, ct) ? recording : null;
    }

    /// <summary>403 for those who may read the recording but not conclude on it (the patient, monitoring staff); else 404.</summary>
    private static async Task<IResult> DenialAsync(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, CancellationToken ct)
    {
        var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return recording is not null && await access.CanReadRecordingAsync(user, recording, ct)
            ? Problems.Forbidden(new ProblemText("only a doctor the patient has shared this recording with writes a conclusion on it", "problems.conclusion.doctorsOnly"))
            : Problems.NotFound("recording");
    }

    private static ConclusionView View(Conclusion c, string author) => new(c.Id, c.RecordingId, c.AuthorId, author, c.Text, c.WrittenAt, c.Version);
}
