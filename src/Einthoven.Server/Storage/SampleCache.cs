using System.Collections.Concurrent;
using Einthoven.Signal.Compression;
using Einthoven.Signal.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Einthoven.Server.Storage;

/// <summary>One lead's min/max per block of <see cref="BlockSize"/> samples.</summary>
public sealed record Envelope(int BlockSize, int[] Minima, int[] Maxima)
{
    /// <summary>The envelope over blocks <paramref name="factor"/> times larger.</summary>
    public Envelope Coarser(int factor)
    {
        var count = (Minima.Length + factor - 1) / factor;
        var min = new int[count];
        var max = new int[count];
        for (var i = 0; i < count; i++)
        {
            var from = i * factor;
            var to = Math.Min(Minima.Length, from + factor);
            min[i] = Minima.AsSpan(from, to - from).ToArray().Min();
            max[i] = Maxima.AsSpan(from, to - from).ToArray().Max();
        }
        return new Envelope(BlockSize * factor, min, max);
    }
}

/// <summary>A lead's stored envelope and a coarser level derived from it, for zoomed-out views.</summary>
public sealed record EnvelopeLevels(Envelope Fine, Envelope Coarse);

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

    public Task<EnvelopeLevels> EnvelopeAsync(AppDb db, Guid recordingId, int lead, CancellationToken ct) =>
        GetAsync(recordingId, ("envelope", lead, 0), async () =>
        {
            var row = await db.LeadEnvelopes.AsNoTracking().SingleAsync(e => e.RecordingId == recordingId && e.Lead == lead, ct);
            var fine = new Envelope(row.BlockSize, SampleCodec.Decode(row.Minima), SampleCodec.Decode(row.Maxima));
            return (new EnvelopeLevels(fine, fine.Coarser(CoarseFactor)), fine.Minima.Length * 9L);
        });

    private const int CoarseFactor = 8;

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
        for (var index = (int)(start / SampleStore.ChunkSize); (long)index * SampleStore.ChunkSize < end; index++)
        {
            var chunk = await ChunkAsync(db, recordingId, lead, index, ct);
            var chunkStart = (long)index * SampleStore.ChunkSize;
            var from = Math.Max(start, chunkStart);
            var to = Math.Min(end, chunkStart + chunk.Length);
            chunk.AsSpan((int)(from - chunkStart), (int)(to - from)).CopyTo(result.AsSpan((int)(from - start)));
        }
        return result;
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
