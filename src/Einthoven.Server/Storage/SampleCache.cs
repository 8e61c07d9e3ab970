using System.Collections.Concurrent;
using Einthoven.Signal.Compression;
using Einthoven.Signal.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Einthoven.Server.Storage;

/// <summary>
/// Decoded chunks, envelopes and annotation sets, kept in memory (bounded by size) so that panning and zooming a
/// recording decodes each chunk once. Samples never change after upload; a deleted recording is forgotten.
/// </summary>
public sealed class SampleCache : IDisposable
{
    private static readonly TimeSpan AnnotationLifetime = TimeSpan.FromSeconds(60);
    private readonly MemoryCache _cache;
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _evictors = new();

    public SampleCache(long sizeLimitBytes = 512L * 1024 * 1024) =>
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimitBytes });

    public Task<int[]> ChunkAsync(AppDb db, Guid recordingId, int lead, int index, CancellationToken ct) =>
        GetAsync(recordingId, ("chunk", lead, index), async () =>
        {
            var data = await db.SampleChunks.AsNoTracking()
                .Where(c => c.RecordingId == recordingId && c.Lead == lead && c.Index == index)
                .Select(c => c.Data).SingleAsync(ct);
            var samples = SampleCodec.Decode(data);
            return (samples, samples.Length * 4L);
        });

    public Task<EnvelopePyramid> EnvelopeAsync(AppDb db, Guid recordingId, int lead, CancellationToken ct) =>
        GetAsync(recordingId, ("envelope", lead, 0), async () =>
        {
            var row = await db.LeadEnvelopes.AsNoTracking().SingleAsync(e => e.RecordingId == recordingId && e.Lead == lead, ct);
            var pyramid = new EnvelopePyramid(new Envelope(row.BlockSize, SampleCodec.Decode(row.Minima), SampleCodec.Decode(row.Maxima)));
            return (pyramid, pyramid.SizeBytes);
        });

    /// <summary>Every annotation set of the recording by annotator, sorted by sample.</summary>
    public Task<IReadOnlyDictionary<string, Annotation[]>> AnnotationsAsync(AppDb db, Guid recordingId, CancellationToken ct) =>
        GetAsync(recordingId, ("annotations", 0, 0), async () =>
        {
            var rows = await db.AnnotationSets.AsNoTracking().Where(a => a.RecordingId == recordingId).ToListAsync(ct);
            IReadOnlyDictionary<string, Annotation[]> sets = rows.ToDictionary(r => r.Annotator,
                r => AnnotationSetCodec.Decode(r.Data).OrderBy(a => a.Sample).ToArray());
            return (sets, rows.Sum(r => r.Count * 40L) + 64);
        }, AnnotationLifetime);

    /// <summary>Samples <c>[start, start + count)</c> of one lead, clipped to the recording.</summary>
    public async Task<int[]> ReadAsync(AppDb db, Guid recordingId, int lead, long start, int count, long sampleCount, CancellationToken ct)
    {
        var end = Math.Min(sampleCount, start + count);
        if (start >= end) return [];
        var result = new int[end - start];
        var chunks = await ChunksAsync(db, recordingId, lead, start, end, ct);
        var chunkStart = start / SampleStore.ChunkSize * SampleStore.ChunkSize;
        foreach (var chunk in chunks)
        {
            var from = Math.Max(start, chunkStart);
            var to = Math.Min(end, chunkStart + chunk.Length);
            chunk.AsSpan((int)(from - chunkStart), (int)(to - from)).CopyTo(result.AsSpan((int)(from - start)));
            chunkStart += SampleStore.ChunkSize;
        }
        return result;
    }

    /// <summary>The decoded chunks of one lead that hold samples <c>[start, end)</c>, in order.</summary>
    public async Task<List<int[]>> ChunksAsync(AppDb db, Guid recordingId, int lead, long start, long end, CancellationToken ct)
    {
        var chunks = new List<int[]>();
        for (var index = (int)(start / SampleStore.ChunkSize); (long)index * SampleStore.ChunkSize < end; index++)
            chunks.Add(await ChunkAsync(db, recordingId, lead, index, ct));
        return chunks;
    }

    /// <summary>Drops everything cached for a recording (after delete, or when its analysis is replaced).</summary>
    public void Forget(Guid recordingId)
    {
        if (_evictors.TryRemove(recordingId, out var cts))
        {
            cts.Cancel();
            cts.Dispose();
        }
    }

    public void Dispose()
    {
        _cache.Dispose();
        foreach (var cts in _evictors.Values) cts.Dispose();
    }

    private async Task<T> GetAsync<T>(Guid recordingId, (string Kind, int A, int B) part, Func<Task<(T Value, long Size)>> load, TimeSpan? lifetime = null)
    {
        var key = (recordingId, part);
        if (_cache.TryGetValue(key, out T? cached)) return cached!;
        // Taken before loading, so that a Forget during the load (an analysis saved meanwhile) keeps the stale value out.
        var evictor = _evictors.GetOrAdd(recordingId, _ => new CancellationTokenSource());
        var (value, size) = await load();
        var options = new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = lifetime };
        try { options.AddExpirationToken(new CancellationChangeToken(evictor.Token)); }
        catch (ObjectDisposedException) { return value; } // forgotten while loading: serve it, do not cache it
        _cache.Set(key, value, options);
        return value;
    }
}
