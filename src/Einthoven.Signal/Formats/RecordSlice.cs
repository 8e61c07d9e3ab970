using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats;

/// <summary>Samples [start, start + count) of a record as a record of its own (sample 0 = the slice's first), annotations included.</summary>
public sealed class RecordSlice(ISignalReader source, long start, long count) : ISignalReader
{
    public RecordInfo Info { get; } = source.Info with { SampleCount = Math.Min(count, source.Info.SampleCount - start) };

    public IReadOnlyList<string> Annotators => source.Annotators;

    public SampleBlock Read(long from, int length)
    {
        var n = (int)Math.Clamp(Info.SampleCount - from, 0, length);
        var block = source.Read(start + from, n);
        return new SampleBlock(from, block.Samples);
    }

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) =>
        source.ReadAnnotations(annotator).Where(a => a.Sample >= start && a.Sample < start + Info.SampleCount)
            .Select(a => a with { Sample = a.Sample - start }).ToList();

    public void Dispose() => source.Dispose();
}
