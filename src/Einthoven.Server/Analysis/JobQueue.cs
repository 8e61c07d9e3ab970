using Microsoft.EntityFrameworkCore;
using Einthoven.Server.Storage;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Analysis;

/// <summary>
/// The persisted job queue. Claims are compare-and-set updates, so several workers (in one process or many) never
/// run the same job at once; a claim holds a lease that the worker renews while it works. A job whose lease ran out
/// (its worker crashed or the server stopped) is claimed again, until it has used all its attempts.
/// </summary>
public sealed class JobQueue(AppDb db, TimeProvider time, IOptions<ServerOptions> options, JobSignal signal)
{
    private AnalysisOptions Settings => options.Value.Analysis;
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Adds a queued job for the recording to the context; the caller saves it.</summary>
    public AnalysisJob Enqueue(Guid recordingId)
    {
        var job = new AnalysisJob
        {
            Id = Guid.NewGuid(), RecordingId = recordingId, State = JobState.Queued, MaxAttempts = Settings.MaxAttempts,
            CreatedAt = Now, UpdatedAt = Now,
        };
        db.AnalysisJobs.Add(job);
        return job;
    }

    /// <summary>Tells the workers in this process that there is work.</summary>
    public void Wake() => signal.Notify();

    public async Task<AnalysisJob?> ClaimNextAsync(string owner, CancellationToken ct)
    {
        var now = Now;
        await db.AnalysisJobs
            .Where(j => j.State == JobState.Running && j.LeaseExpiresAt < now && j.Attempts >= j.MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Failed)
                .SetProperty(j => j.Error, "the worker stopped during every attempt")
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.CompletedAt, now)
                .SetProperty(j => j.UpdatedAt, now), ct);
        var candidates = await db.AnalysisJobs.AsNoTracking()
            .Where(j => j.State == JobState.Queued || (j.State == JobState.Running && j.LeaseExpiresAt < now))
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(8).ToListAsync(ct);
        var expires = now + Settings.Lease;
        foreach (var id in candidates)
        {
            var claimed = await db.AnalysisJobs
                .Where(j => j.Id == id && (j.State == JobState.Queued || (j.State == JobState.Running && j.LeaseExpiresAt < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running)
                    .SetProperty(j => j.LeaseOwner, owner)
                    .SetProperty(j => j.LeaseExpiresAt, expires)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.UpdatedAt, now), ct);
            if (claimed == 1) return await db.AnalysisJobs.AsNoTracking().SingleAsync(j => j.Id == id, ct);
        }
        return null;
    }

    /// <summary>Records progress and extends the lease; false when the job is no longer this worker's.</summary>
    public async Task<bool> HeartbeatAsync(Guid jobId, string owner, double progress, CancellationToken ct)
    {
        var now = Now;
        var expires = now + Settings.Lease;
        return await Owned(jobId, owner).ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, progress)
            .SetProperty(j => j.LeaseExpiresAt, expires).SetProperty(j => j.UpdatedAt, now), ct) == 1;
    }

    /// <summary>Marks the job done; false when the job is no longer this worker's (the caller then rolls back).</summary>
    public async Task<bool> CompleteAsync(Guid jobId, string owner, CancellationToken ct)
    {
        var now = Now;
        return await Owned(jobId, owner).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Succeeded)
            .SetProperty(j => j.Progress, 1.0).SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null).SetProperty(j => j.Error, (string?)null)
            .SetProperty(j => j.CompletedAt, now).SetProperty(j => j.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// Puts a failed attempt back in the queue, or fails the job when it has no attempts left or
    /// <paramref name="retry"/> is false (a failure that another attempt would only repeat).
    /// </summary>
    public async Task FailAsync(AnalysisJob job, string owner, string error, bool retry, CancellationToken ct)
    {
        var now = Now;
        var final = !retry || job.Attempts >= job.MaxAttempts;
        var message = error.Length > 2000 ? error[..2000] : error;
        await Owned(job.Id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, final ? JobState.Failed : JobState.Queued)
            .SetProperty(j => j.Error, message).SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(j => j.CompletedAt, final ? now : null).SetProperty(j => j.UpdatedAt, now), ct);
    }

    /// <summary>Queues a new analysis of a recording unless one is already waiting or running.</summary>
    public async Task<AnalysisJob> RequeueAsync(Guid recordingId, CancellationToken ct)
    {
        var pending = await db.AnalysisJobs.AsNoTracking()
            .Where(j => j.RecordingId == recordingId && (j.State == JobState.Queued || j.State == JobState.Running))
            .OrderByDescending(j => j.CreatedAt).FirstOrDefaultAsync(ct);
        if (pending is not null) return pending;
        var job = Enqueue(recordingId);
        await db.SaveChangesAsync(ct);
        Wake();
        return job;
    }

    /// <summary>
    /// An admin's retry: puts a failed job back in the queue with fresh attempts, unless a newer job of the same
    /// recording (the patient asked again) replaced it.
    /// </summary>
    public async Task<(RetryOutcome Outcome, AnalysisJob? Job)> RetryAsync(Guid jobId, CancellationToken ct)
    {
        var job = await db.AnalysisJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return (RetryOutcome.NotFound, null);
        if (job.State != JobState.Failed) return (RetryOutcome.NotFailed, job);
        if (await db.AnalysisJobs.AnyAsync(j => j.RecordingId == job.RecordingId && j.Id != job.Id && j.CreatedAt >= job.CreatedAt, ct))
            return (RetryOutcome.Superseded, job);
        var now = Now;
        var reset = await db.AnalysisJobs.Where(j => j.Id == jobId && j.State == JobState.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Queued).SetProperty(j => j.Attempts, 0)
                .SetProperty(j => j.MaxAttempts, Settings.MaxAttempts).SetProperty(j => j.Progress, 0.0)
                .SetProperty(j => j.Error, (string?)null).SetProperty(j => j.CompletedAt, (DateTime?)null)
                .SetProperty(j => j.UpdatedAt, now), ct);
        job = await db.AnalysisJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
        if (reset == 0) return (RetryOutcome.NotFailed, job); // another admin retried it meanwhile
        Wake();
        return (RetryOutcome.Queued, job);
    }

    private IQueryable<AnalysisJob> Owned(Guid jobId, string owner) =>
        db.AnalysisJobs.Where(j => j.Id == jobId && j.State == JobState.Running && j.LeaseOwner == owner);
}

public enum RetryOutcome { Queued, NotFound, NotFailed, Superseded }

/// <summary>Wakes the workers of this process when a job is queued, so they need not wait for the next poll.</summary>
public class JobSignal
{
    private readonly SemaphoreSlim _semaphore = new(0);

    public void Notify()
    {
        if (_semaphore.CurrentCount == 0) _semaphore.Release();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _semaphore.WaitAsync(timeout, ct);
}
