using Cronos;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// Starts a retraining run at each occurrence of <see cref="RetrainingOptions.Schedule"/> (cron, UTC; weekly by
/// default) while <see cref="RetrainingOptions.Enabled"/>. An occurrence that finds a run still going is skipped.
/// </summary>
public sealed class RetrainingScheduler(RetrainingRunner runner, IOptions<ServerOptions> options, TimeProvider time, ILogger<RetrainingScheduler> log)
    : BackgroundService
{
    /// <summary>The schedule, or the reason it is not one.</summary>
    public static CronExpression Parse(string schedule)
    {
        try { return CronExpression.Parse(schedule); }
        catch (CronFormatException e)
        {
            throw new InvalidOperationException($"Einthoven:Retraining:Schedule '{schedule}' is not a 5-field cron expression: {e.Message}", e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cron = Parse(options.Value.Retraining.Schedule);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (cron.GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc) is not { } next) return;
            log.LogInformation("next scheduled retraining run at {Next:u}", next);
            await WaitUntilAsync(new DateTimeOffset(next, TimeSpan.Zero), stoppingToken);
            if (await runner.StartAsync("schedule", null, stoppingToken) is null)
                log.LogWarning("scheduled retraining skipped: a run is still going on");
        }
    }

    /// <summary>Sleeps in steps of at most an hour, so a clock that jumps (or a long schedule) is followed.</summary>
    private async Task WaitUntilAsync(DateTimeOffset next, CancellationToken ct)
    {
        while (time.GetUtcNow() < next)
        {
            var left = next - time.GetUtcNow();
            await Task.Delay(left < TimeSpan.FromHours(1) ? left : TimeSpan.FromHours(1), time, ct);
        }
    }
}
