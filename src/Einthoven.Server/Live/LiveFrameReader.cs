using System.Text.Json;
using Einthoven.Server.Storage;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Live;

/// <summary>
/// A stream's stored frames as an <see cref="ISignalReader"/>, so that an ended stream is imported like any upload.
/// Each read fetches only the frames it overlaps. Synchronous: give it a context of its own.
/// </summary>
public sealed class LiveFrameReader(AppDb db, LiveStream stream) : ISignalReader
{
    private readonly DeviceLead[] _leads = JsonSerializer.Deserialize<DeviceLead[]>(stream.LeadsJson, IngestJson.Options)!;

    public RecordInfo Info => new()
    {
        Name = $"live-{stream.StartedAt:yyyyMMdd-HHmmss}",
        SamplingFrequency = stream.SamplingFrequency,
        SampleCount = stream.SampleCount,
        StartDate = DateOnly.FromDateTime(stream.StartedAt),
        StartTime = TimeOnly.FromDateTime(stream.StartedAt),
        Leads = _leads.Select(l => new LeadInfo { Name = l.Name, Gain = l.Gain, AdcResolution = 24 }).ToArray(),
        Comments = ["streamed live by a monitoring device"],
    };

    public IReadOnlyList<string> Annotators => [];

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) =>
        throw new KeyNotFoundException($"a live stream has no annotation set '{annotator}'");

    public SampleBlock Read(long start, int count)
    {
        var from = Math.Clamp(start, 0, stream.SampleCount);
        var length = (int)Math.Clamp(stream.SampleCount - from, 0, Math.Max(0, count));
        var samples = _leads.Select(_ => new int[length]).ToArray();
        var end = from + length;
        var frames = db.LiveFrames.Where(f => f.StreamId == stream.Id && f.FirstSample < end && f.FirstSample + f.Count > from)
            .OrderBy(f => f.Sequence).ToList();
        foreach (var frame in frames)
        {
            var decoded = StoredFrame.Decode(frame.Data, _leads.Length);
            var lo = Math.Max(from, frame.FirstSample);
            var hi = Math.Min(end, frame.FirstSample + frame.Count);
            for (var l = 0; l < samples.Length; l++)
                decoded[l].AsSpan((int)(lo - frame.FirstSample), (int)(hi - lo)).CopyTo(samples[l].AsSpan((int)(lo - from)));
        }
        return new SampleBlock(from, samples);
    }

    public void Dispose() { }
}
