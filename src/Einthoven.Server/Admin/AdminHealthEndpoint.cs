using System.Diagnostics;
using System.Reflection;
using Einthoven.Server.Analysis;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Admin;

public sealed record DatabaseHealth(string Provider, bool Reachable);
public sealed record WorkerHealth(bool Enabled, bool Running, DateTime? LastHeartbeat);
public sealed record QueueHealth(int Queued, int Running, DateTime? OldestQueuedAt);
public sealed record DiskHealth(long FreeBytes, long TotalBytes);

public sealed record HealthView(
    string Status, IReadOnlyList<string> Problems, DatabaseHealth Database, WorkerHealth Worker, QueueHealth? Queue,
    string Version, DateTime StartedAt, double UptimeSeconds, DiskHealth? Disk);

/// <summary>
/// GET /api/admin/health: whether this server process can do its work - the database answers, the analysis worker
/// runs and polls, how long the queue is, the free space where uploads and keys live - with "ok" or "degraded" and
/// the reasons. The public /health only says the process is up.
/// </summary>
public static class AdminHealthEndpoint
{
    private static readonly DateTime StartedAt = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    private static readonly string Version =
        typeof(AdminHealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AdminHealthEndpoint).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/health", Get).WithSummary("Database, analysis worker, queue, version, uptime and free disk of this server process")
            .Produces<HealthView>();

    private static async Task<IResult> Get(AppDb db, AnalysisWorker worker, IOptions<ServerOptions> options, TimeProvider time, CancellationToken ct)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var problems = new List<string>();
        var reachable = await CanConnectAsync(db, ct);
        if (!reachable) problems.Add("the database does not answer");
        var queue = reachable ? await QueueAsync(db, ct) : null;

        var workerHealth = new WorkerHealth(settings.Analysis.RunWorker, worker.IsRunning, worker.LastHeartbeat);
        if (!workerHealth.Running)
            problems.Add(settings.Analysis.RunWorker ? "the analysis worker has stopped" : "no analysis worker runs in this process (Analysis:RunWorker is off)");
        // Idle, the worker polls every PollInterval; busy, it renews its lease three times per Lease.
        else if (worker.LastHeartbeat is { } beat && now - beat > 2 * settings.Analysis.Lease + settings.Analysis.PollInterval)
            problems.Add($"the analysis worker has not reported for {(now - beat).TotalSeconds:N0} s");

        var disk = Disk(settings.DataFolder);
        if (disk is null) problems.Add("the data folder's disk cannot be read");
        else if (disk.FreeBytes < settings.MaxUploadBytes) problems.Add("the data folder's disk has less free space than one upload may take");

        return Results.Ok(new HealthView(problems.Count == 0 ? "ok" : "degraded", problems,
            new DatabaseHealth(AdminStorageEndpoint.ProviderName(db), reachable), workerHealth, queue,
            Version, StartedAt, Math.Max(0, (now - StartedAt).TotalSeconds), disk));
    }

    private static async Task<bool> CanConnectAsync(AppDb db, CancellationToken ct)
    {
        try { return await db.Database.CanConnectAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }

    private static async Task<QueueHealth> QueueAsync(AppDb db, CancellationToken ct)
    {
        var jobs = db.AnalysisJobs.AsNoTracking();
        return new QueueHealth(await jobs.CountAsync(j => j.State == JobState.Queued, ct), await jobs.CountAsync(j => j.State == JobState.Running, ct),
            await jobs.Where(j => j.State == JobState.Queued).OrderBy(j => j.CreatedAt).Select(j => (DateTime?)j.CreatedAt).FirstOrDefaultAsync(ct));
    }

    private static DiskHealth? Disk(string folder)
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(folder));
            return new DiskHealth(drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }
}
