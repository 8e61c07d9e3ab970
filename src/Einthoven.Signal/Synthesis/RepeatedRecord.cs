using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Synthesis;

/// <summary>
/// A long record made by repeating a short one end to end, read lazily: benchmarks and tests of 24-hour recordings
/// without ever holding one. The source's annotations are not repeated (the record has none).
/// </summary>
public sealed class RepeatedRecord(EcgRecord source, long sampleCount) : ISignalReader
{
    public RecordInfo Info { get; } = source.Info with { SampleCount = sampleCount };

    public IReadOnlyList<string> Annotators => [];

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) =>
        throw new KeyNotFoundException($"the repeated record '{Info.Name}' has no annotation set '{annotator}'");

    public SampleBlock Read(long start, int count)
    {
        var from = Math.Clamp(start, 0, Info.SampleCount);
        var length = (int)Math.Clamp(Info.SampleCount - from, 0, Math.Max(0, count));
        var period = source.Info.SampleCount;
        var samples = source.Samples.Select(lead =>
        {
            var window = new int[length];
            for (var done = 0; done < length;)
            {
                var at = (int)((from + done) % period);
                var n = (int)Math.Min(length - done, period - at);
                lead.AsSpan(at, n).CopyTo(window.AsSpan(done));
                done += n;
            }
            return window;
        }).ToArray();
        return new SampleBlock(from, samples);
    }

    public void Dispose() { }
}
