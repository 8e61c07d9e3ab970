using System.Text.Json;
using Einthoven.Server.Storage;
using Einthoven.Signal.Compression;
using Einthoven.Signal.Records;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Recordings;

/// <summary>Rebuilds a whole <see cref="EcgRecord"/> from storage, for analysis and for downloads.</summary>
public static class RecordingLoader
{
    public static RecordInfo Info(Recording recording) =>
        JsonSerializer.Deserialize<RecordInfo>(recording.InfoJson, RecordInfoJson.Options)
        ?? throw new InvalidDataException($"recording {recording.Id} has no description");

    public static async Task<EcgRecord> LoadAsync(AppDb db, Recording recording, bool withAnalysis, CancellationToken ct)
    {
        var info = Info(recording);
        if (info.SampleCount > int.MaxValue) throw new InvalidDataException($"recording {recording.Id} is too long to load whole");
        var samples = info.Leads.Select(_ => new int[info.SampleCount]).ToArray();
        await foreach (var chunk in db.SampleChunks.AsNoTracking().Where(c => c.RecordingId == recording.Id)
                           .OrderBy(c => c.Lead).ThenBy(c => c.Index).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (chunk.Lead >= samples.Length || chunk.FirstSample + chunk.Count > info.SampleCount)
                throw new InvalidDataException($"recording {recording.Id}: chunk {chunk.Lead}/{chunk.Index} lies outside the record");
            SampleCodec.Decode(chunk.Data, samples[chunk.Lead].AsSpan((int)chunk.FirstSample, chunk.Count));
        }
        var sets = await db.AnnotationSets.AsNoTracking().Where(a => a.RecordingId == recording.Id).ToListAsync(ct);
        var annotations = sets.Where(s => withAnalysis || s.Annotator != AnalysisAnnotator)
            .ToDictionary(s => s.Annotator, s => (IReadOnlyList<Annotation>)AnnotationSetCodec.Decode(s.Data));
        return new EcgRecord(info, samples, annotations);
    }

    /// <summary>The annotation set the analysis writes its beats and events into.</summary>
    public const string AnalysisAnnotator = "analysis";
}

public static class RecordInfoJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
