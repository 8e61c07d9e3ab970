using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Server.BrowserTests.Hosting;

/// <summary>A record played back-to-back a number of times (MIT-BIH 100 x 48 = a 24-hour Holter), annotations included.</summary>
public sealed class RepeatedRecordReader(EcgRecord source, int copies, string name) : ISignalReader
{
    private readonly long _length = source.Info.SampleCount;

    public RecordInfo Info { get; } = source.Info with
    {
        Name = name, SampleCount = source.Info.SampleCount * copies,
        StartDate = new DateOnly(2026, 11, 1), StartTime = new TimeOnly(8, 0),
    };

    public IReadOnlyList<string> Annotators => source.Annotations.Keys.ToList();

    public SampleBlock Read(long start, int count)
    {
        var length = (int)Math.Clamp(Info.SampleCount - start, 0, count);
        var samples = source.Samples.Select(lead =>
        {
            var block = new int[length];
            for (var i = 0; i < length; i++) block[i] = lead[(start + i) % _length];
            return block;
        }).ToArray();
        return new SampleBlock(start, samples);
    }

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) =>
        Enumerable.Range(0, (int)(Info.SampleCount / _length))
            .SelectMany(copy => source.Annotations[annotator].Select(a => a with { Sample = a.Sample + copy * _length })).ToList();

    public void Dispose() { }
}
