using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Live;

/// <summary>
/// Ends a stream: its frames become an ordinary recording (imported, so it is stored, listed by date and analysed
/// like an upload), then the frames go. A stream is marked Closing first, so that a server that stops halfway
/// finishes the job at its next start (<see cref="LiveStreamSweeper"/>); the import is all or nothing.
/// </summary>
public sealed class LiveStreamCloser(IServiceScopeFactory scopes, ILiveFeed feed, TimeProvider time, ILogger<LiveStreamCloser> log)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1); // imports are heavy; streams end rarely

    /// <summary>The recording the stream became (null when it held no sample).</summary>
    public async Task<Guid?> CloseAsync(Guid streamId, string reason, CancellationToken ct)
    {
        feed.Ended(streamId); // the live analysis closes its episodes now, not after the imports queued before this one
        await OneAtATime.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var stream = await db.LiveStreams.SingleAsync(s => s.Id == streamId, ct);
            if (stream.State == LiveStreamState.Closed) return stream.RecordingId;
            if (stream.State == LiveStreamState.Open)
            {
                stream.State = LiveStreamState.Closing;
                stream.EndedAt = time.GetUtcNow().UtcDateTime;
                stream.EndReason = reason;
                await db.SaveChangesAsync(ct);
            }
            if (stream.SampleCount > 0)
            {
                await using var readScope = scopes.CreateAsyncScope();
                using var reader = new LiveFrameReader(readScope.ServiceProvider.GetRequiredService<AppDb>(), stream);
                var importer = scope.ServiceProvider.GetRequiredService<RecordingImporter>();
                var (recording, _) = await importer.ImportAsync(stream.PatientId, reader, "live", reader.Info.Name, ct);
                stream.RecordingId = recording.Id;
            }
            stream.State = LiveStreamState.Closed;
            db.LiveStreams.Update(stream);
            await db.SaveChangesAsync(ct);
            await db.LiveFrames.Where(f => f.StreamId == streamId).ExecuteDeleteAsync(ct);
            log.LogInformation("live stream {Stream} ended ({Samples} samples)", streamId, stream.SampleCount);
            return stream.RecordingId;
        }
        finally { OneAtATime.Release(); }
    }
}
