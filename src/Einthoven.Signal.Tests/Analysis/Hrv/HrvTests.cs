using Einthoven.Signal.Analysis.Beats;
using Einthoven.Signal.Analysis.Hrv;

namespace Einthoven.Signal.Tests.Analysis.Hrv;

public class HrvTests
{
    private const double Fs = 1000;

    /// <summary>Beat positions whose intervals are <paramref name="rr"/>(k) seconds.</summary>
    private static int[] Beats(int count, Func<int, double, double> rr)
    {
        var peaks = new int[count];
        var t = 1.0;
        for (var k = 0; k < count; k++)
        {
            peaks[k] = (int)Math.Round(t * Fs);
            t += rr(k, t);
        }
        return peaks;
    }

    [Fact]
    public void Alternating_series_has_the_analytic_sdnn_rmssd_and_pnn50()
    {
        // 800, 900, 800, 900 ... ms: SDNN = 50 * sqrt(n/(n-1)), every successive difference is 100 ms.
        var peaks = Beats(101, (k, _) => k % 2 == 0 ? 0.8 : 0.9);
        var hrv = TimeDomainHrv.From(RrSeries.From(peaks, Fs))!;
        Assert.Equal(100, hrv.NnCount);
        Assert.Equal(850, hrv.MeanNn, 6);
        Assert.Equal(50 * Math.Sqrt(100.0 / 99), hrv.Sdnn, 6);
        Assert.Equal(100, hrv.Rmssd, 6);
        Assert.Equal(100, hrv.Pnn50, 6);
    }

    [Fact]
    public void Small_steps_give_zero_pnn50()
    {
        var peaks = Beats(61, (k, _) => k % 2 == 0 ? 0.80 : 0.82);
        var hrv = TimeDomainHrv.From(RrSeries.From(peaks, Fs))!;
        Assert.Equal(20, hrv.Rmssd, 6);
        Assert.Equal(0, hrv.Pnn50);
    }

    [Theory]
    [InlineData(0.1, true)]
    [InlineData(0.25, false)]
    public void Sinusoidal_modulation_puts_its_power_in_the_right_band(double modulationHz, bool inLf)
    {
        // RR(t) = 800 ms + 40 ms sin(2 pi f t): a pure spectral line of power 40²/2 = 800 ms².
        var peaks = Beats(700, (_, t) => 0.8 + 0.04 * Math.Sin(2 * Math.PI * modulationHz * t));
        var f = FrequencyDomainHrv.From(RrSeries.From(peaks, Fs))!;
        var (inBand, other) = inLf ? (f.Lf, f.Hf) : (f.Hf, f.Lf);
        Assert.InRange(inBand, 600, 1000);
        Assert.True(inBand > 20 * other, $"in band {inBand}, other {other}");
        Assert.True(inLf ? f.LfHfRatio > 20 : f.LfHfRatio < 0.05);
    }

    [Fact]
    public void Short_series_has_no_frequency_domain_measures()
    {
        var peaks = Beats(60, (_, _) => 0.8); // 48 s
        Assert.Null(FrequencyDomainHrv.From(RrSeries.From(peaks, Fs)));
        Assert.NotNull(TimeDomainHrv.From(RrSeries.From(peaks, Fs)));
    }

    [Fact]
    public void Tachogram_interpolates_linearly_between_beats()
    {
        var even = Tachogram.Resample([0, 1, 2], [800, 900, 700], 4);
        Assert.Equal([800, 825, 850, 875, 900, 850, 800, 750, 700], even);
        var flat = Tachogram.Detrend([1, 2, 3, 4]);
        Assert.All(flat, v => Assert.Equal(0, v, 9));
    }
}
