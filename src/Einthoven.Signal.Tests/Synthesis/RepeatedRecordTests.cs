using Einthoven.Signal.Records;
using Einthoven.Signal.Synthesis;

namespace Einthoven.Signal.Tests.Synthesis;

public class RepeatedRecordTests
{
    [Fact]
    public void Any_window_holds_the_short_record_repeated_and_the_end_is_clipped()
    {
        var info = new RecordInfo { Name = "s", SamplingFrequency = 10, SampleCount = 7, Leads = [new LeadInfo { Name = "A" }, new LeadInfo { Name = "B" }] };
        var source = new EcgRecord(info, [[0, 1, 2, 3, 4, 5, 6], [10, 11, 12, 13, 14, 15, 16]]);
        using var repeated = new RepeatedRecord(source, 30);
        Assert.Equal(30, repeated.Info.SampleCount);
        var block = repeated.Read(5, 12);
        Assert.Equal([5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2], block.Samples[0]);
        Assert.Equal([15, 16, 10, 11, 12, 13, 14, 15, 16, 10, 11, 12], block.Samples[1]);
        Assert.Equal([1], repeated.Read(29, 5).Samples[0]);
        Assert.Empty(repeated.Annotators);
    }
}
