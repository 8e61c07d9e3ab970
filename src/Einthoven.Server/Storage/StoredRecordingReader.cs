using Einthoven.Server.Recordings;
using Einthoven.Signal.Compression;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Storage;

/// <summary>
/// A stored recording as an <see cref="ISignalReader"/>: each window fetches (one query) and decodes only the chunks it
/// overlaps, so analysis and downloads stream a 24-hour recording instead of rebuilding it whole. Reads are synchronous:
/// give it a context of its own (no other work on it while it reads). Decoded chunks do not enter the viewer's
/// <see cref="SampleCache"/>, which a full pass over a long recording would flush.
/// </summary>
public sealed class StoredRecordingReader(AppDb db, Recording recording, bool withAnalysis) : ISignalReader
{
    private readonly int[] _decoded = new int[SampleStore.ChunkSize];
    private IReadOnlyList<string>? _annotators;

    public RecordInfo Info { get; } = RecordingLoader.Info(recording);

    public IReadOnlyList<string> Annotators => _annotators ??= db.AnnotationSets
        .Where(a => a.RecordingId == recording.Id && (withAnalysis || a.Annotator != RecordingLoader.AnalysisAnnotator))
        .Select(a => a.Annotator).ToList();

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) =>
        db.AnnotationSets.Where(a => a.RecordingId == recording.Id && a.Annotator == annotator).Select(a => a.Data).SingleOrDefault() is { } data
            ? AnnotationSetCodec.Decode(data)
            : throw new KeyNotFoundException($"recording {recording.Id} has no annotation set '{annotator}'");

    public SampleBlock Read(long start, int count)
    {
        var from = Math.Clamp(start, 0, Info.SampleCount);
        var length = (int)Math.Clamp(Info.SampleCount - from, 0, Math.Max(0, count));
        var samples = Info.Leads.Select(_ => new int[length]).ToArray();
        if (length == 0) return new SampleBlock(from, samples);
        var end = from + length;
        var first = (int)(from / SampleStore.ChunkSize);
        var last = (int)((end - 1) / SampleStore.ChunkSize);
        var filled = new long[samples.Length];
        var chunks = db.SampleChunks.Where(c => c.RecordingId == recording.Id && c.Index >= first && c.Index <= last)
            .Select(c => new { c.Lead, c.Index, c.FirstSample, c.Count, c.Data }).AsEnumerable();
        foreach (var chunk in chunks)
        {
            if (chunk.Lead >= samples.Length || chunk.FirstSample != (long)chunk.Index * SampleStore.ChunkSize
                || chunk.Count > SampleStore.ChunkSize || chunk.FirstSample + chunk.Count > Info.SampleCount)
                throw new InvalidDataException($"recording {recording.Id}: chunk {chunk.Lead}/{chunk.Index} lies outside the record");
            var decoded = _decoded.AsSpan(0, chunk.Count);
            SampleCodec.Decode(chunk.Data, decoded);
            var lo = Math.Max(from, chunk.FirstSample);
            var hi = Math.Min(end, chunk.FirstSample + chunk.Count);
            if (hi <= lo) continue;
            decoded[(int)(lo - chunk.FirstSample)..(int)(hi - chunk.FirstSample)].CopyTo(samples[chunk.Lead].AsSpan((int)(lo - from)));
            filled[chunk.Lead] += hi - lo;
        }
        if (Array.FindIndex(filled, f => f != length) is var missing and >= 0)
            throw new InvalidDataException($"recording {recording.Id}: lead {missing} lacks chunks for samples {from}-{end}");
        return new SampleBlock(from, samples);
    }

    public void Dispose() { }
}
