using Einthoven.Signal.Formats;
using Einthoven.Signal.Synthesis;

namespace Einthoven.Signal.Tests.Formats;

public class RecordSliceTests
{
    [Fact]
    public void A_slice_reads_its_samples_from_zero_and_is_clipped_to_the_record()
    {
        var record = EcgSynthesizer.Generate(new SynthesisOptions { Duration = TimeSpan.FromSeconds(10), Seed = 4 });
        var slice = new RecordSlice(new InMemoryReader(record), 1000, 500);
        Assert.Equal(500, slice.Info.SampleCount);
        var block = slice.Read(0, 500);
        Assert.Equal(record.Samples[0][1000..1500], block.Samples[0]);
        Assert.Equal(record.Samples[1][1499], slice.Read(499, 10).Samples[1].Single());
        var tail = new RecordSlice(new InMemoryReader(record), record.Info.SampleCount - 100, 1000);
        Assert.Equal(100, tail.Info.SampleCount);
        Assert.Empty(tail.Read(100, 10).Samples[0]);
    }
}
