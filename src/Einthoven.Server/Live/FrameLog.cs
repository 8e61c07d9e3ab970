using System.Threading.Channels;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Live;

/// <summary>
/// Makes frames durable with group commit: every frame that arrives while one batch is being written goes into the
/// next, so a thousand devices cost a few transactions a second, not a thousand. <see cref="AppendAsync"/> completes
/// only when its frame is committed (the device is acknowledged after that); then the batch goes to the
/// <see cref="ILiveFeed"/>. A batch that fails is retried frame by frame, so one bad frame fails only its own device.
/// </summary>
public sealed class FrameLog(IServiceScopeFactory scopes, ILiveFeed feed, TimeProvider time, ILogger<FrameLog> log) : BackgroundService
{
    private const int MaxBatch = 2000;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Pending(StoredFrame Frame, TaskCompletionSource Done);

    public Task AppendAsync(StoredFrame frame)
    {
        var pending = new Pending(frame, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) pending.Done.SetException(new InvalidOperationException("the server is stopping"));
        return pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
            try
            {
                await WriteAsync(batch, stoppingToken);
                Complete(batch);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("a batch of {Count} frames failed ({Error}); writing them one by one", batch.Count, e.GetType().Name);
                foreach (var one in batch)
                {
                    try
                    {
                        await WriteAsync([one], stoppingToken);
                        Complete([one]);
                    }
                    catch (Exception single) { one.Done.TrySetException(single); }
                }
            }
        }
    }

    private void Complete(IReadOnlyList<Pending> written)
    {
        foreach (var p in written) p.Done.TrySetResult();
        feed.Publish(written.Select(p => p.Frame).ToList());
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var ids = batch.Select(p => p.Frame.StreamId).Distinct().ToList();
        var streams = await db.LiveStreams.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var frame in batch.Select(p => p.Frame))
        {
            var stream = streams[frame.StreamId];
            if (frame.Sequence != stream.NextSequence || frame.FirstSample != stream.SampleCount)
                throw new InvalidOperationException($"stream {stream.Id} expects frame {stream.NextSequence}, got {frame.Sequence}");
            db.LiveFrames.Add(new LiveFrame
            {
                StreamId = frame.StreamId, Sequence = frame.Sequence, FirstSample = frame.FirstSample, Count = frame.Count,
                DeviceTime = frame.DeviceTime, Data = frame.Encode(),
            });
            stream.NextSequence++;
            stream.SampleCount += frame.Count;
            stream.LastFrameAt = now;
        }
        await db.SaveChangesAsync(ct);
    }
}
