using Einthoven.Signal.Analysis.Spectral;

namespace Einthoven.Signal.Tests.Analysis.Spectral;

public class WelchTests
{
    [Fact]
    public void Sine_power_lands_in_its_bin_and_equals_its_variance()
    {
        const double fs = 100, f = 12.5, amplitude = 2;
        var x = Enumerable.Range(0, 4096).Select(i => amplitude * Math.Sin(2 * Math.PI * f * i / fs)).ToArray();
        var s = Welch.Estimate(x, fs, 512);
        var peak = Array.IndexOf(s.Density, s.Density.Max());
        Assert.Equal(f, s.Frequency(peak), 1);
        Assert.Equal(amplitude * amplitude / 2, s.BandPower(0, fs / 2 + 1), 1);
        Assert.True(s.BandPower(11, 14) > 0.99 * s.BandPower(0, 51));
    }

    [Fact]
    public void Fft_rejects_a_length_that_is_not_a_power_of_two() =>
        Assert.Throws<ArgumentException>(() => Fft.Forward(new System.Numerics.Complex[6]));
}
