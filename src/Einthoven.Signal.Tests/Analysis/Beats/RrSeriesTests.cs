using Einthoven.Signal.Analysis.Beats;

namespace Einthoven.Signal.Tests.Analysis.Beats;

public class RrSeriesTests
{
    [Fact]
    public void Intervals_and_rate_from_regular_beats()
    {
        var peaks = Enumerable.Range(0, 11).Select(i => 100 + i * 250).ToArray(); // 250 samples at 250 Hz = 1 s
        var rr = RrSeries.From(peaks, 250);
        Assert.Equal(10, rr.Count);
        Assert.All(rr.Intervals, v => Assert.Equal(1.0, v, 9));
        Assert.All(rr.IsNormalToNormal, Assert.True);
        var hr = HeartRate.From(rr)!;
        Assert.Equal(60, hr.Mean, 6);
        Assert.Equal(60, hr.Min, 6);
        Assert.Equal(60, hr.Max, 6);
        Assert.Equal(10, hr.Instantaneous.Length);
    }

    [Fact]
    public void Premature_beat_and_its_compensatory_pause_are_not_normal_to_normal()
    {
        var peaks = new List<int> { 0, 360, 720, 1080, 1300, 1800, 2160, 2520, 2880 }; // 1300 comes early
        var rr = RrSeries.From(peaks, 360);
        Assert.False(rr.IsNormalToNormal[3]);
        Assert.False(rr.IsNormalToNormal[4]);
        Assert.Equal(6, rr.IsNormalToNormal.Count(b => b));
        Assert.Equal(60, HeartRate.From(rr)!.Mean, 6);
    }

    [Fact]
    public void Known_beat_classes_exclude_intervals_touching_an_abnormal_beat()
    {
        var peaks = Enumerable.Range(0, 6).Select(i => i * 300).ToArray();
        var rr = RrSeries.From(peaks, 300, [true, true, false, true, true, true]);
        Assert.Equal([true, false, false, true, true], rr.IsNormalToNormal);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_reason()
    {
        Assert.Throws<ArgumentException>(() => RrSeries.From([10, 5], 100));
        Assert.Throws<ArgumentException>(() => RrSeries.From([10, 50], 100, [true]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RrSeries.From([10, 50], 0));
        Assert.Null(HeartRate.From(RrSeries.From([10], 100)));
    }

    [Fact]
    public void Segmenter_skips_beats_whose_window_leaves_the_signal()
    {
        var windows = BeatSegmenter.Segment([10, 100, 190], 200, 100, 0.25, 0.45);
        var w = Assert.Single(windows);
        Assert.Equal(new BeatWindow(100, 75, 145), w);
        Assert.Equal(25, w.RIndex);
        Assert.Equal(70, w.Extract(Enumerable.Range(0, 200).Select(i => (double)i).ToArray()).Length);
    }
}
