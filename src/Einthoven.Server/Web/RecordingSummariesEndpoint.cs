using System.Security.Claims;
using Einthoven.Models.Analysis;
using Einthoven.Server.Accounts;
using Einthoven.Server.Analysis;
using Einthoven.Server.Api;
using Einthoven.Server.Recordings;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Web;

public sealed record RecordingSummary(RecordingView Recording, JobView? Job, string? Analyzer, DateTime? AnalysedAt, AnalysisReport? Summary);

public sealed record RecordingSummaries(IReadOnlyList<RecordingSummary> Recordings, string Disclaimer);

/// <summary>
/// GET /api/recordings/summaries: a patient's recordings by date with the state and summary of each one's analysis, in
/// one request and one audit entry (the history pages would otherwise read every analysis one by one).
/// </summary>
public static class RecordingSummariesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/recordings/summaries", List).WithTags("Recordings").RequireAuthorization()
            .WithSummary("Recordings by date, newest first, each with its analysis state and summary: yours, or a patient's who granted you access (patientId)")
            .Produces<RecordingSummaries>().ProducesProblem(404);

    private static async Task<IResult> List(ClaimsPrincipal user, AppDb db, PatientAccess access, Guid? patientId, CancellationToken ct)
    {
        var patient = patientId ?? user.UserId();
        if (!await access.ReadPatientAsync(user, patient, "recordings.list", ct)) return Problems.NotFound("patient");
        var recordings = await db.Recordings.AsNoTracking().Where(r => r.PatientId == patient).OrderByDescending(r => r.RecordedAt).ToListAsync(ct);
        var ids = recordings.Select(r => r.Id).ToList();
        var jobs = (await db.AnalysisJobs.AsNoTracking().Where(j => ids.Contains(j.RecordingId)).ToListAsync(ct))
            .GroupBy(j => j.RecordingId).ToDictionary(g => g.Key, g => g.MaxBy(j => j.CreatedAt)!);
        var results = await db.AnalysisResults.AsNoTracking().Where(r => ids.Contains(r.RecordingId)).ToDictionaryAsync(r => r.RecordingId, ct);
        var rows = recordings.Select(r =>
        {
            var job = jobs.GetValueOrDefault(r.Id);
            var result = results.GetValueOrDefault(r.Id);
            return new RecordingSummary(RecordingView.Of(r), job is null ? null : JobView.Of(job), result?.Analyzer, result?.CreatedAt,
                result?.Report());
        }).ToList();
        return Results.Ok(new RecordingSummaries(rows, Disclaimer.Text));
    }
}
