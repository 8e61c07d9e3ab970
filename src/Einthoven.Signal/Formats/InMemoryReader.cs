using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats;

/// <summary>An <see cref="ISignalReader"/> over a record already in memory (generated records, whole-record writes).</summary>
public sealed class InMemoryReader(EcgRecord record) : ISignalReader
{
    public RecordInfo Info => record.Info;

    public IReadOnlyList<string> Annotators => record.Annotations.Keys.ToList();

    public SampleBlock Read(long start, int count)
    {
        var from = (int)Math.Clamp(start, 0, record.Info.SampleCount);
        var length = (int)Math.Clamp(record.Info.SampleCount - from, 0, count);
        return new SampleBlock(from, record.Samples.Select(s => s.AsSpan(from, length).ToArray()).ToArray());
    }

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) => record.Annotations[annotator];

    public void Dispose() { }
}
