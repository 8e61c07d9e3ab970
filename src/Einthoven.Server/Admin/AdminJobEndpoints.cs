using Einthoven.Server.Analysis;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Admin;

public sealed record AdminJobView(
    Guid Id, Guid RecordingId, JobState State, double Progress, int Attempts, int MaxAttempts, string? Error,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt, DateTime? LeaseExpiresAt)
{
    public static AdminJobView Of(AnalysisJob j) =>
        new(j.Id, j.RecordingId, j.State, j.Progress, j.Attempts, j.MaxAttempts, j.Error, j.CreatedAt, j.UpdatedAt, j.CompletedAt, j.LeaseExpiresAt);
}

public sealed record AdminJobsView(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<AdminJobView> Active, IReadOnlyList<AdminJobView> Failed);

/// <summary>
/// The analysis queue for admins: jobs by state, the waiting and running ones (oldest first), the failed ones with
/// their error (newest first), and a retry. Jobs name their recording by id only.
/// </summary>
public static class AdminJobEndpoints
{
    private const int MaxTake = 500;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/jobs", List).WithSummary("Analysis jobs: counts by state, queued and running jobs, failed jobs with their error")
            .Produces<AdminJobsView>().ProducesProblem(400);
        admin.MapPost("/jobs/{id:guid}/retry", Retry).WithSummary("Queue a failed job again with fresh attempts")
            .Produces<AdminJobView>(202).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<IResult> List(AppDb db, int? take, CancellationToken ct)
    {
        if (take is < 1 or > MaxTake) return Problems.BadRequest("invalid page size", $"take must be 1-{MaxTake}", "take");
        var jobs = db.AnalysisJobs.AsNoTracking();
        var counts = await jobs.GroupBy(j => j.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        var active = await jobs.Where(j => j.State == JobState.Queued || j.State == JobState.Running)
            .OrderBy(j => j.CreatedAt).Take(take ?? 100).ToListAsync(ct);
        var failed = await jobs.Where(j => j.State == JobState.Failed).OrderByDescending(j => j.UpdatedAt).Take(take ?? 100).ToListAsync(ct);
        var byState = Enum.GetValues<JobState>().ToDictionary(s => s.ToString(), s => counts.FirstOrDefault(c => c.State == s)?.Count ?? 0);
        return Results.Ok(new AdminJobsView(byState, active.Select(AdminJobView.Of).ToList(), failed.Select(AdminJobView.Of).ToList()));
    }

    private static async Task<IResult> Retry(Guid id, JobQueue queue, CancellationToken ct)
    {
        var (outcome, job) = await queue.RetryAsync(id, ct);
        return outcome switch
        {
            RetryOutcome.NotFound => Problems.NotFound("job"),
            RetryOutcome.NotFailed => Problems.Conflict($"the job is {job!.State.ToString().ToLowerInvariant()}, not failed; only failed jobs are retried"),
            RetryOutcome.Superseded => Problems.Conflict("a newer analysis of this recording replaced the job; retry that one if it fails"),
            _ => Results.Accepted("/api/admin/jobs", AdminJobView.Of(job!)),
        };
    }
}
