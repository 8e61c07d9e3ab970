using Einthoven.Models.Beats;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Einthoven.Models.Tests.Beats;

public class RrIntervalsTests
{
    [Fact]
    public void A_premature_beat_has_a_short_pre_interval_and_a_compensatory_pause()
    {
        // Beats every 0.8 s; beat 10 comes 0.3 s early and the next one is back on the grid.
        var beats = SyntheticEcg.Regular(20, 0.8).ToArray();
        beats[10] -= (long)(0.3 * SyntheticEcg.Fs);
        var rr = RrIntervals.From(beats, SyntheticEcg.Fs);
        Assert.Equal(0.8, rr.Record, 3);
        Assert.Equal(0.5, rr.Pre[10], 3);
        Assert.Equal(1.1, rr.Post[10], 3);
        Assert.Equal(0.8, rr.Pre[5], 3);
        Assert.InRange(rr.Local[10], 0.75, 0.85);
        Assert.Equal(0, rr.Irregularity[10], 6); // an isolated ectopic beat does not make the rhythm irregular
        Assert.Equal(rr.Record, rr.Pre[0]);
        Assert.Equal(rr.Record, rr.Post[19]);
    }

    [Fact]
    public void Local_average_follows_a_change_of_rate_while_the_record_median_does_not()
    {
        var slow = SyntheticEcg.Regular(60, 1.0);
        var fast = SyntheticEcg.Regular(100, 0.5, start: 60.5);
        var rr = RrIntervals.From([.. slow, .. fast], SyntheticEcg.Fs);
        Assert.Equal(0.5, rr.Record, 3);
        Assert.Equal(1.0, rr.Local[20], 3);
        Assert.Equal(0.5, rr.Local[140], 3);
    }

    [Fact]
    public void The_long_window_mean_and_upper_quartile_do_not_follow_a_premature_majority()
    {
        // Two premature intervals (0.5 s) for every 1.3 s one, so the median interval is the premature one.
        var beats = new long[301];
        for (var i = 1; i < beats.Length; i++) beats[i] = beats[i - 1] + (long)((i % 3 == 0 ? 1.3 : 0.5) * SyntheticEcg.Fs);
        var rr = RrIntervals.From(beats, SyntheticEcg.Fs);
        Assert.Equal(0.5, rr.Record, 3);
        Assert.InRange(rr.LongAverage[150], 0.75, 0.78);
        Assert.Equal(1.3, rr.UpperQuartile, 3);
    }

    [Fact]
    public void Irregularity_is_zero_in_a_regular_rhythm_and_large_in_an_irregular_one()
    {
        var regular = RrIntervals.From(SyntheticEcg.Regular(40, 0.8), SyntheticEcg.Fs);
        Assert.All(regular.Irregularity, x => Assert.Equal(0, x, 6));
        // Intervals alternating 0.6 s and 1.0 s: every change is 0.4 s against a local mean of 0.8 s.
        var beats = new long[40];
        for (var i = 1; i < beats.Length; i++) beats[i] = beats[i - 1] + (long)((i % 2 == 0 ? 0.6 : 1.0) * SyntheticEcg.Fs);
        var irregular = RrIntervals.From(beats, SyntheticEcg.Fs);
        Assert.InRange(irregular.Irregularity[20], 0.45, 0.55);
    }

    [Fact]
    public void Beats_out_of_order_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RrIntervals.From([100, 50], 360));
        Assert.Throws<ArgumentException>(() => RrIntervals.From([100, 100], 360));
        Assert.Throws<ArgumentOutOfRangeException>(() => RrIntervals.From([1, 2], 0));
    }

    [Property(MaxTest = 50)]
    public Property A_constant_rhythm_has_every_interval_equal_to_the_record_median()
    {
        var gen = Gen.Choose(30, 150).SelectMany(rate => Gen.Choose(3, 80), (rate, count) => (rate, count));
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var rrSeconds = 60.0 / x.rate;
            var beats = Enumerable.Range(0, x.count).Select(i => (long)(i * rrSeconds * 1000)).ToArray();
            var rr = RrIntervals.From(beats, 1000);
            var tolerance = 1.5e-3;
            return Enumerable.Range(0, x.count).All(i =>
                Math.Abs(rr.Pre[i] - rr.Record) < tolerance && Math.Abs(rr.Post[i] - rr.Record) < tolerance && Math.Abs(rr.Local[i] - rr.Record) < tolerance);
        });
    }
}
