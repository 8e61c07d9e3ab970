using Einthoven.Server.Api;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Viewer;

public sealed record LeadWindow(int Index, string Name, string Unit, double Gain, int Baseline, int[]? Samples, int[]? Min, int[]? Max);
public sealed record AnnotationView(long Sample, string Symbol, int Code, string? Aux);
public sealed record WindowView(
    Guid RecordingId, double SamplingFrequency, long StartSample, long EndSample, string Mode, double SamplesPerPoint,
    IReadOnlyList<LeadWindow> Leads, IReadOnlyDictionary<string, IReadOnlyList<AnnotationView>> Annotations, bool AnnotationsTruncated,
    string Disclaimer);

/// <summary>
/// The viewer's data: a time window of chosen leads, as raw samples when it holds no more samples than points asked
/// for, else as a min/max envelope of that many points (from the stored block envelope and its coarser levels when buckets span many blocks,
/// from decoded samples otherwise), plus the annotations of every set inside the window. Values are digital; physical
/// = (value - baseline) / gain.
/// </summary>
public sealed class WindowQuery(AppDb db, SampleCache cache)
{
    public const int MaxPoints = 20_000;
    /// <summary>More annotations of a set than this in a window and only its events (non-beats) are sent.</summary>
    public const int MaxAnnotationsPerSet = 2_000;

    /// <param name="annotators">The annotation sets to include; null for all of them.</param>
    public async Task<WindowView> RunAsync(Recording recording, RecordInfo info, long start, long end, IReadOnlyList<int> leads, int points,
        CancellationToken ct, IReadOnlySet<string>? annotators = null)
    {
        var length = end - start;
        var raw = length <= points;
        var views = new List<LeadWindow>();
        foreach (var lead in leads)
        {
            var l = info.Leads[lead];
            int[]? samples = null, min = null, max = null;
            if (raw) samples = await cache.ReadAsync(db, recording.Id, lead, start, (int)length, recording.SampleCount, ct);
            else if (length / points >= 2 * SampleStore.EnvelopeBlock)
            {
                // Buckets of at least two blocks: the block envelope is at most a block wider at each edge.
                var pyramid = await cache.EnvelopeAsync(db, recording.Id, lead, ct);
                (min, max) = Decimator.FromPyramid(pyramid, start, length, points);
            }
            else
            {
                var chunks = await cache.ChunksAsync(db, recording.Id, lead, start, end, ct);
                (min, max) = Decimator.FromChunks(chunks, SampleStore.ChunkSize, start, length, points);
            }
            views.Add(new LeadWindow(lead, l.Name, l.Unit, l.Gain, l.Baseline, samples, min, max));
        }
        var (annotations, truncated) = annotators is { Count: 0 } ? (new Dictionary<string, IReadOnlyList<AnnotationView>>(), false) : await AnnotationsAsync(recording.Id, start, end, annotators, ct);
        return new WindowView(recording.Id, recording.SamplingFrequency, start, end, raw ? "raw" : "envelope",
            raw ? 1 : (double)length / points, views, annotations, truncated, Disclaimer.Text);
    }

    private async Task<(Dictionary<string, IReadOnlyList<AnnotationView>>, bool)> AnnotationsAsync(Guid recordingId, long start, long end,
        IReadOnlySet<string>? annotators, CancellationToken ct)
    {
        var sets = await cache.AnnotationsAsync(db, recordingId, ct);
        var result = new Dictionary<string, IReadOnlyList<AnnotationView>>();
        var truncated = false;
        foreach (var (annotator, list) in sets)
        {
            if (annotators is not null && !annotators.Contains(annotator)) continue;
            var first = LowerBound(list, start);
            var inside = list.AsSpan(first, LowerBound(list, end) - first);
            var tooMany = inside.Length > MaxAnnotationsPerSet;
            truncated |= tooMany;
            var views = new List<AnnotationView>();
            foreach (var a in inside)
            {
                if (tooMany && a.IsBeat) continue; // zoomed out: beats would be unreadable anyway; rhythm events stay
                views.Add(new AnnotationView(a.Sample, a.Symbol, a.Code, a.Aux));
                if (views.Count == MaxAnnotationsPerSet) break;
            }
            result[annotator] = views;
        }
        return (result, truncated);
    }

    private static int LowerBound(Annotation[] sorted, long sample)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].Sample < sample) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
