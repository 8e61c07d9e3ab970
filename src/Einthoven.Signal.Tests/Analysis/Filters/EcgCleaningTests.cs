using Einthoven.Signal.Analysis.Filters;

namespace Einthoven.Signal.Tests.Analysis.Filters;

public class EcgCleaningTests
{
    private static double[] Sine(double hz, double fs, int n, double amplitude = 1) =>
        Enumerable.Range(0, n).Select(i => amplitude * Math.Sin(2 * Math.PI * hz * i / fs)).ToArray();

    private static double Rms(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x) sum += v * v;
        return Math.Sqrt(sum / x.Length);
    }

    [Theory]
    [InlineData(250)]
    [InlineData(500)]
    public void The_QRS_band_passes_and_baseline_wander_and_high_frequency_noise_are_removed(double fs)
    {
        var n = (int)(20 * fs);
        var middle = new Range((int)(5 * fs), (int)(15 * fs));
        var qrs = Sine(10, fs, n);
        var cleaned = EcgCleaning.Clean(qrs, fs);
        Assert.Equal(n, cleaned.Length);
        Assert.InRange(Rms(cleaned.AsSpan(middle)) / Rms(qrs.AsSpan(middle)), 0.95, 1.01);
        // Zero phase: the cleaned wave peaks where the wave does.
        Assert.InRange(cleaned[(int)(10 * fs + fs / 40)], 0.95, 1.01);
        Assert.True(Rms(EcgCleaning.Clean(Sine(0.05, fs, n, 2), fs).AsSpan(middle)) < 0.02);
        Assert.True(Rms(EcgCleaning.Clean(Sine(100, fs, n), fs).AsSpan(middle)) < 0.2);
    }

    [Fact]
    public void At_low_rates_the_upper_edge_stays_below_the_Nyquist_frequency()
    {
        var wave = Sine(5, 60, 1200);
        var cleaned = EcgCleaning.Clean(wave, 60);
        Assert.All(cleaned, v => Assert.True(double.IsFinite(v)));
        Assert.InRange(Rms(cleaned.AsSpan(300, 600)) / Rms(wave.AsSpan(300, 600)), 0.9, 1.01);
    }
}
