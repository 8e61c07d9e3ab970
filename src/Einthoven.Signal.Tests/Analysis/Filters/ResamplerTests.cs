using Einthoven.Signal.Analysis.Filters;

namespace Einthoven.Signal.Tests.Analysis.Filters;

public class ResamplerTests
{
    private static double[] Sine(double f, double fs, double seconds, double phase = 0.3) =>
        Enumerable.Range(0, (int)(seconds * fs)).Select(i => Math.Sin(2 * Math.PI * f * i / fs + phase)).ToArray();

    [Theory]
    [InlineData(360, 250, 25, 36, 40)]
    [InlineData(500, 100, 1, 5, 20)]
    [InlineData(300, 360, 6, 5, 50)]
    [InlineData(128, 500, 125, 32, 30)]
    [InlineData(1000, 360, 9, 25, 100)]
    public void A_sinusoid_is_resampled_onto_the_exact_new_grid(double from, double to, int up, int down, double f)
    {
        var resampler = new Resampler(from, to);
        Assert.Equal((up, down), (resampler.Up, resampler.Down));
        var output = resampler.Apply(Sine(f, from, 10));
        Assert.Equal(resampler.OutputLength((long)(10 * from)), output.Length);
        Assert.Equal((int)Math.Ceiling(10 * to - 1e-9), output.Length);
        var expected = Sine(f, to, 10);
        // Away from the ends (a filter length), the result is the sinusoid sampled at the new rate.
        for (var i = (int)to; i < output.Length - (int)to; i++) Assert.Equal(expected[i], output[i], 3);
    }

    [Fact]
    public void Content_above_the_new_Nyquist_frequency_is_removed()
    {
        var output = Resampler.Resample(Sine(70, 500, 10), 500, 100);
        Assert.True(output.Skip(100).SkipLast(100).Max(Math.Abs) < 1e-3, "a 70 Hz tone must not alias into a 100 Hz signal");
    }

    [Fact]
    public void A_constant_stays_constant_up_to_the_edges()
    {
        var output = Resampler.Resample(Enumerable.Repeat(3.5, 1000).ToArray(), 360, 250);
        Assert.All(output, v => Assert.Equal(3.5, v, 3));
    }

    [Fact]
    public void Same_rate_is_a_copy_and_bad_rates_are_refused()
    {
        double[] x = [1, 2, 3];
        Assert.Equal(x, Resampler.Resample(x, 360, 360));
        Assert.Empty(Resampler.Resample([], 360, 250));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(0, 250));
        Assert.Throws<ArgumentException>(() => new Resampler(360, 1e-4));
    }
}
