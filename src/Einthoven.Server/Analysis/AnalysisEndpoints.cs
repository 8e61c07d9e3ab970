using System.Security.Claims;
using Einthoven.Models.Analysis;
using Einthoven.Server.Api;
using Einthoven.Server.Recordings;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Analysis;

/// <param name="Summary">The report once analysed; null before, or when the stored summary predates the report.</param>
/// <param name="BeatCounts">The stored beats by annotation symbol.</param>
/// <param name="Assessment">The summary in plain words for the patient, with next steps by urgency (<see cref="PatientAssessment"/>); null without a summary.</param>
public sealed record AnalysisView(
    Guid RecordingId, JobView? Job, string? Analyzer, DateTime? AnalysedAt, AnalysisReport? Summary,
    IReadOnlyDictionary<string, int> BeatCounts, string Disclaimer, PatientAssessment? Assessment = null);

/// <summary>The analysis of a recording: job state and progress, and the results once done.</summary>
public static class AnalysisEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/recordings/{id:guid}/analysis").WithTags("Analysis").RequireAuthorization();
        group.MapGet("/", Get).WithSummary("Job status and progress; beats by class, rhythm, measurements, quality and pacing when done, and the patient's assessment in plain words")
            .Produces<AnalysisView>().ProducesProblem(404);
        group.MapPost("/", Rerun).WithSummary("Queue the analysis again (the patient only)")
            .Produces<JobView>(StatusCodes.Status202Accepted).ProducesProblem(403).ProducesProblem(404);
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, CancellationToken ct)
    {
        var recording = await access.ReadRecordingAsync(user, id, "analysis.read", ct);
        if (recording is null) return Problems.NotFound("recording");
        var job = await db.AnalysisJobs.AsNoTracking().Where(j => j.RecordingId == id).OrderByDescending(j => j.CreatedAt).FirstOrDefaultAsync(ct);
        var result = await db.AnalysisResults.AsNoTracking().SingleOrDefaultAsync(r => r.RecordingId == id, ct);
        var counts = new Dictionary<string, int>();
        if (result is not null)
        {
            // From the database, not the viewer's SampleCache: the cache forgets a recording only after the new analysis
            // is committed, and a poll in between would report the new job with the old (or no) beat counts.
            var beats = await db.AnnotationSets.AsNoTracking()
                .Where(a => a.RecordingId == id && a.Annotator == RecordingLoader.AnalysisAnnotator).Select(a => a.Data).SingleOrDefaultAsync(ct);
            if (beats is not null)
                foreach (var group in AnnotationSetCodec.Decode(beats).Where(a => a.IsBeat).GroupBy(a => a.Symbol)) counts[group.Key] = group.Count();
        }
        var report = result?.Report();
        return Results.Ok(new AnalysisView(id, job is null ? null : JobView.Of(job), result?.Analyzer, result?.CreatedAt, report, counts, Disclaimer.Text,
            report is null ? null : PatientAssessment.Of(report)));
    }

    private static async Task<IResult> Rerun(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, JobQueue queue, CancellationToken ct)
    {
        var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (recording is null || !await access.CanReadPatientAsync(user, recording.PatientId, ct)) return Problems.NotFound("recording");
        if (recording.PatientId != user.UserId()) return Problems.Forbidden("only the patient can ask for a new analysis");
        var job = await queue.RequeueAsync(id, ct);
        return Results.Accepted($"/api/recordings/{id}/analysis", JobView.Of(job));
    }
}
