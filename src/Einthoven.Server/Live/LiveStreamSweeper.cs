using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Live;

/// <summary>Ends streams whose device fell silent, and finishes streams a stopped server left closing.</summary>
public sealed class LiveStreamSweeper(IServiceScopeFactory scopes, LiveStreamCloser closer, LiveSessions sessions,
    IOptions<ServerOptions> options, TimeProvider time, ILogger<LiveStreamSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = options.Value.Live.IdleTimeout;
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, Math.Min(idle.Ticks / 4, TimeSpan.FromSeconds(30).Ticks)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await SweepAsync(idle, stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogWarning("live stream sweep failed: {Error}", e.Message); }
            await Task.Delay(period, time, stoppingToken);
        }
    }

    public async Task SweepAsync(TimeSpan idle, CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var silentSince = time.GetUtcNow().UtcDateTime - idle;
            due = await db.LiveStreams.Where(s => s.State == LiveStreamState.Closing || (s.State == LiveStreamState.Open && s.LastFrameAt < silentSince))
                .Select(s => s.Id).ToListAsync(ct);
        }
        foreach (var id in due.Where(id => !sessions.IsConnected(id)))
            await closer.CloseAsync(id, "the device fell silent", ct);
    }
}
