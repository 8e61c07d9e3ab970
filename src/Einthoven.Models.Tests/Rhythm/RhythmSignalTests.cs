using Einthoven.Models.Rhythm;

namespace Einthoven.Models.Tests.Rhythm;

public class RhythmSignalTests
{
    private static double[] Beats(double seconds, double fs, double amplitude)
    {
        var x = new double[(int)(seconds * fs)];
        for (var i = 0; i < x.Length; i++)
        {
            var phase = i / fs % 0.8;
            x[i] = amplitude * Math.Exp(-Math.Pow((phase - 0.4) / 0.02, 2)) + 0.3 * Math.Sin(2 * Math.PI * 0.2 * i / fs);
        }
        return x;
    }

    [Fact]
    public void Prepared_signal_is_at_100_Hz_and_does_not_depend_on_gain()
    {
        var small = RhythmSignal.Prepare(Beats(12, 300, 0.5), 300);
        var large = RhythmSignal.Prepare(Beats(12, 300, 2.0), 300);
        Assert.Equal(1200, small.Length);
        Assert.InRange(small.Max(), 0.8f, 1.5f);
        var largest = small.Zip(large, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest < 0.25f, $"normalised signals differ by {largest}");
    }

    [Fact]
    public void Only_signals_under_the_minimum_are_zero_padded_and_crops_stop_at_the_end()
    {
        var padded = RhythmSignal.InferenceInput([1, 2, 3]);
        Assert.Equal(RhythmSignal.MinimumLength, padded.Length);
        Assert.Equal([1f, 2f, 3f, 0f], padded[..4]);
        var tenSeconds = new float[1000];
        Assert.Same(tenSeconds, RhythmSignal.InferenceInput(tenSeconds));
        var crop = new float[4];
        RhythmSignal.Crop([1, 2, 3, 4, 5], 3, crop);
        Assert.Equal([4f, 5f, 0f, 0f], crop);
    }

    [Fact]
    public void Bad_rate_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RhythmSignal.Prepare(new double[600], 0));
}
