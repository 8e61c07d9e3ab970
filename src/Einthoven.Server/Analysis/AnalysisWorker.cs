using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Analysis;

/// <summary>
/// The hosted worker: claims analysis jobs one at a time, runs the analyzer off the request threads, renews the lease
/// while it works and stores the outcome in the same transaction that marks the job done.
/// </summary>
public sealed class AnalysisWorker(
    IServiceScopeFactory scopes, JobSignal signal, IOptions<ServerOptions> options, TimeProvider time, ILogger<AnalysisWorker> log)
    : BackgroundService
{
    private readonly string _owner = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
    private long _lastHeartbeatTicks;

    /// <summary>True while the hosted loop runs (false when <c>Analysis:RunWorker</c> is off or the loop ended).</summary>
    public bool IsRunning => ExecuteTask is { IsCompleted: false };

    /// <summary>When the loop last polled the queue or renewed a lease; null before it first did.</summary>
    public DateTime? LastHeartbeat => Interlocked.Read(ref _lastHeartbeatTicks) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null;

    private void Beat() => Interlocked.Exchange(ref _lastHeartbeatTicks, time.GetUtcNow().UtcTicks);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Beat();
            try
            {
                if (await RunOneAsync(stoppingToken)) continue;
                await signal.WaitAsync(options.Value.Analysis.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                log.LogError(e, "analysis worker loop failed; retrying after the poll interval");
                await Task.Delay(options.Value.Analysis.PollInterval, stoppingToken).ContinueWith(_ => { });
            }
        }
    }

    /// <summary>Claims and runs one job; false when there was none.</summary>
    public async Task<bool> RunOneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var job = await queue.ClaimNextAsync(_owner, ct);
        if (job is null) return false;
        log.LogInformation("analysing recording {Recording} (job {Job}, attempt {Attempt})", job.RecordingId, job.Id, job.Attempts);
        try
        {
            await RunAsync(scope.ServiceProvider, job, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var retry = !IsPermanent(e);
            log.LogWarning(e, "analysis job {Job} attempt {Attempt} failed{Final}", job.Id, job.Attempts, retry ? "" : "; not retried");
            await using var failScope = scopes.CreateAsyncScope();
            await failScope.ServiceProvider.GetRequiredService<JobQueue>().FailAsync(job, _owner, Describe(e), retry, CancellationToken.None);
        }
        return true;
    }

    /// <summary>
    /// Failures another attempt would only repeat: a recording over the limits, or an analysis that ran out of memory or
    /// stack (retrying it would take the server's memory again and again, or crash it).
    /// </summary>
    private static bool IsPermanent(Exception e) => e is AnalysisRefusedException or OutOfMemoryException or InsufficientExecutionStackException;

    private static string Describe(Exception e) => e switch
    {
        AnalysisRefusedException => $"not analysed: {e.Message}",
        OutOfMemoryException => "the analysis ran out of memory; it is not retried",
        InsufficientExecutionStackException => "the analysis ran out of stack; it is not retried",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private async Task RunAsync(IServiceProvider services, AnalysisJob job, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDb>();
        var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == job.RecordingId, ct);
        if (recording is null) return; // deleted meanwhile; its job went with it
        var analyzer = services.GetRequiredService<IRecordingAnalyzer>();
        // The analysis reads the stored chunks window by window (synchronously, on its own thread and context).
        await using var readerScope = scopes.CreateAsyncScope();
        using var reader = new StoredRecordingReader(readerScope.ServiceProvider.GetRequiredService<AppDb>(), recording, withAnalysis: false);
        AnalysisLimits.Check(reader.Info, options.Value.Limits);

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = new LatestProgress();
        // A thread of its own: the analysis computes (and reads the database synchronously) for up to tens of minutes,
        // which on a pool thread would starve the heartbeat and the requests of a small machine.
        var analysis = Task.Factory.StartNew(() => analyzer.Analyze(reader, progress, lost.Token), lost.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var beat = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 50, options.Value.Analysis.Lease.Ticks / 3));
        await using (var heartbeatScope = scopes.CreateAsyncScope())
        {
            var heartbeatQueue = heartbeatScope.ServiceProvider.GetRequiredService<JobQueue>();
            while (!analysis.IsCompleted)
            {
                await Task.WhenAny(analysis, Task.Delay(beat, ct));
                if (analysis.IsCompleted) break;
                if (!await heartbeatQueue.HeartbeatAsync(job.Id, _owner, progress.Value, ct))
                {
                    lost.Cancel(); // another worker has the job now, or it was deleted
                    log.LogWarning("analysis job {Job} lost its lease; abandoning this attempt", job.Id);
                    // Let it stop before the reader goes and before the next claim: two analyses at once would double the memory.
                    await analysis.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                    return;
                }
                Beat();
            }
        }
        var outcome = await analysis;
        await services.GetRequiredService<AnalysisResultWriter>().SaveAsync(job, recording.Id, outcome.Analyzer ?? analyzer.Name, outcome, _owner, ct);
    }

    /// <summary>Keeps only the latest value; the heartbeat reads it.</summary>
    private sealed class LatestProgress : IProgress<double>
    {
        private double _value;
        public double Value => Volatile.Read(ref _value);
        public void Report(double value) => Volatile.Write(ref _value, Math.Clamp(value, 0, 1));
    }
}
