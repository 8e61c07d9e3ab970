using Einthoven.Server.Recordings;
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
            log.LogWarning(e, "analysis job {Job} attempt {Attempt} failed", job.Id, job.Attempts);
            await using var failScope = scopes.CreateAsyncScope();
            await failScope.ServiceProvider.GetRequiredService<JobQueue>().FailAsync(job, _owner, $"{e.GetType().Name}: {e.Message}", CancellationToken.None);
        }
        return true;
    }

    private async Task RunAsync(IServiceProvider services, AnalysisJob job, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDb>();
        var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == job.RecordingId, ct);
        if (recording is null) return; // deleted meanwhile; its job went with it
        var record = await RecordingLoader.LoadAsync(db, recording, withAnalysis: false, ct);
        var analyzer = services.GetRequiredService<IRecordingAnalyzer>();

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = new LatestProgress();
        var analysis = Task.Run(() => analyzer.Analyze(record, progress, lost.Token), lost.Token);
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
                    return;
                }
                Beat();
            }
        }
        var outcome = await analysis;
        await services.GetRequiredService<AnalysisResultWriter>().SaveAsync(job, recording.Id, analyzer.Name, outcome, _owner, ct);
    }

    /// <summary>Keeps only the latest value; the heartbeat reads it.</summary>
    private sealed class LatestProgress : IProgress<double>
    {
        private double _value;
        public double Value => Volatile.Read(ref _value);
        public void Report(double value) => Volatile.Write(ref _value, Math.Clamp(value, 0, 1));
    }
}
