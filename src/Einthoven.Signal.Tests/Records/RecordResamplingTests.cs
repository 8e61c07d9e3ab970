using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Records;

public class RecordResamplingTests
{
    private static EcgRecord Sine(double fs, double seconds, double hz)
    {
        var n = (int)(fs * seconds);
        var lead = new LeadInfo { Name = "MLII", Gain = 200 };
        var samples = Enumerable.Range(0, n).Select(i => lead.ToDigital(Math.Sin(2 * Math.PI * hz * i / fs))).ToArray();
        var info = new RecordInfo { Name = "s", SamplingFrequency = fs, SampleCount = n, Leads = [lead] };
        return new EcgRecord(info, [samples], new Dictionary<string, IReadOnlyList<Annotation>> { ["atr"] = [new Annotation(360, 1), new Annotation(3599, 5)] });
    }

    [Fact]
    public void A_record_resampled_to_128_Hz_keeps_its_duration_its_waves_and_where_its_annotations_are()
    {
        var source = Sine(360, 10, 5);
        var resampled = RecordResampling.Resample(source, 128);
        Assert.Equal(128, resampled.Info.SamplingFrequency);
        Assert.Equal(1280, resampled.Info.SampleCount);
        Assert.Equal([128L, 1280L], resampled.Annotations["atr"].Select(a => a.Sample));
        Assert.Equal([1, 5], resampled.Annotations["atr"].Select(a => a.Code));
        var physical = resampled.Physical(0);
        for (var i = 64; i < 1216; i += 37)
            Assert.Equal(Math.Sin(2 * Math.PI * 5 * i / 128.0), physical[i], 0.02);
        Assert.Same(source, RecordResampling.Resample(source, 360));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordResampling.Resample(source, 0));
    }
}
