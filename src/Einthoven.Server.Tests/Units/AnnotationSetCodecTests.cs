using Einthoven.Server.Storage;
using Einthoven.Signal.Records;
using FsCheck.Xunit;

namespace Einthoven.Server.Tests.Units;

public class AnnotationSetCodecTests
{
    [Property(MaxTest = 200)]
    public bool Any_annotation_list_round_trips(long[] samples, byte[] codes, string?[] aux)
    {
        var list = samples.Select((s, i) => new Annotation(s, codes.Length == 0 ? 1 : codes[i % codes.Length] % 50, i - 3, i % 3, -i,
            aux.Length == 0 ? null : aux[i % aux.Length])).ToList();
        return AnnotationSetCodec.Decode(AnnotationSetCodec.Encode(list)).SequenceEqual(list);
    }
}
