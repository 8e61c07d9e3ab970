using Einthoven.Signal.Analysis.Filters;

namespace Einthoven.Signal.Tests.Analysis.Filters;

public class ButterworthTests
{
    // The digital Butterworth magnitude after the pre-warped bilinear transform, in closed form.
    private static double Warp(double hz, double fs) => Math.Tan(Math.PI * hz / fs);

    [Theory]
    [InlineData(1, 40, 360)]
    [InlineData(2, 15, 360)]
    [InlineData(4, 40, 250)]
    [InlineData(5, 100, 500)]
    [InlineData(8, 20, 100)]
    public void LowPass_matches_the_closed_form_and_is_3dB_down_at_the_cutoff(int order, double fc, double fs)
    {
        var design = Butterworth.LowPass(order, fc, fs);
        Assert.Equal(-3.0103, design.MagnitudeDb(fc), 2);
        Assert.Equal(1.0, design.Magnitude(0), 9);
        foreach (var f in new[] { fc / 4, fc / 2, fc * 1.5, Math.Min(fc * 2, fs * 0.45) })
        {
            var expected = 1 / Math.Sqrt(1 + Math.Pow(Warp(f, fs) / Warp(fc, fs), 2 * order));
            Assert.Equal(expected, design.Magnitude(f), 6);
        }
        Assert.Equal((order + 1) / 2, design.Sections.Count);
    }

    [Theory]
    [InlineData(1, 0.5, 360)]
    [InlineData(2, 0.67, 500)]
    [InlineData(3, 5, 360)]
    [InlineData(6, 30, 250)]
    public void HighPass_matches_the_closed_form_and_blocks_DC(int order, double fc, double fs)
    {
        var design = Butterworth.HighPass(order, fc, fs);
        Assert.Equal(-3.0103, design.MagnitudeDb(fc), 2);
        Assert.True(design.Magnitude(0) < 1e-9);
        Assert.Equal(1.0, design.Magnitude(fs / 2), 9);
        foreach (var f in new[] { fc / 3, fc * 2, fc * 5 })
        {
            var expected = 1 / Math.Sqrt(1 + Math.Pow(Warp(fc, fs) / Warp(f, fs), 2 * order));
            Assert.Equal(expected, design.Magnitude(f), 6);
        }
    }

    [Theory]
    [InlineData(1, 5, 15, 360)]
    [InlineData(2, 5, 15, 360)]
    [InlineData(3, 0.5, 40, 250)]
    [InlineData(4, 8, 20, 200)]
    public void BandPass_is_3dB_down_at_both_edges_and_flat_at_the_centre(int order, double low, double high, double fs)
    {
        var design = Butterworth.BandPass(order, low, high, fs);
        Assert.Equal(-3.0103, design.MagnitudeDb(low), 2);
        Assert.Equal(-3.0103, design.MagnitudeDb(high), 2);
        Assert.True(design.Magnitude(0) < 1e-9);
        Assert.True(design.Magnitude(fs / 2) < 1e-9);
        double w1 = Warp(low, fs), w2 = Warp(high, fs);
        foreach (var f in new[] { low / 2, Math.Sqrt(low * high), high * 1.5 })
        {
            var w = Warp(f, fs);
            var x = (w * w - w1 * w2) / (w * (w2 - w1));
            Assert.Equal(1 / Math.Sqrt(1 + Math.Pow(x, 2 * order)), design.Magnitude(f), 6);
        }
        Assert.Equal(order, design.Sections.Count);
    }

    [Fact]
    public void Impossible_designs_are_refused_with_the_reason()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.LowPass(2, 200, 360));
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.HighPass(0, 1, 360));
        Assert.Throws<ArgumentException>(() => Butterworth.BandPass(2, 20, 5, 360));
        Assert.Throws<ArgumentOutOfRangeException>(() => Notch.Design(50, 360, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Notch.Design(60, 100));
    }

    [Theory]
    [InlineData(50, 360)]
    [InlineData(60, 360)]
    [InlineData(50, 250)]
    [InlineData(60, 500)]
    public void Notch_removes_the_powerline_frequency_and_keeps_the_rest(double f0, double fs)
    {
        var design = Notch.Design(f0, fs, quality: 30);
        Assert.True(design.MagnitudeDb(f0) < -100, $"depth {design.MagnitudeDb(f0)} dB");
        Assert.Equal(1.0, design.Magnitude(0), 9);
        Assert.True(design.MagnitudeDb(f0 * 0.8) > -0.1);
        Assert.True(design.MagnitudeDb(f0 * 1.2) > -0.1);
        // The -3 dB width is f0/Q for the analog notch; pre-warping the centre narrows it a little at high f0/fs.
        var width = Enumerable.Range(0, 20000).Select(i => f0 * (0.9 + i * 1e-5)).Count(f => design.MagnitudeDb(f) < -3.0103) * f0 * 1e-5;
        Assert.InRange(width, 0.6 * f0 / 30, 1.01 * f0 / 30);
    }
}
