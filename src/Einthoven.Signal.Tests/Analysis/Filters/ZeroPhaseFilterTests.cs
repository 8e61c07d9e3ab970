using Einthoven.Signal.Analysis.Filters;

namespace Einthoven.Signal.Tests.Analysis.Filters;

public class ZeroPhaseFilterTests
{
    [Fact]
    public void A_pulse_keeps_its_position()
    {
        const double fs = 360;
        var signal = Enumerable.Range(0, 2000).Select(i => Math.Exp(-Math.Pow((i - 1000) / 8.0, 2))).ToArray();
        var causal = CausalFilter.Apply(Butterworth.LowPass(4, 15, fs), signal);
        var zeroPhase = ZeroPhaseFilter.Apply(Butterworth.LowPass(4, 15, fs), signal);
        Assert.Equal(1000, Array.IndexOf(zeroPhase, zeroPhase.Max()));
        Assert.True(Array.IndexOf(causal, causal.Max()) > 1005, "the causal filter delays the pulse, the zero-phase one must not");
    }

    [Fact]
    public void A_sinusoid_in_the_pass_band_has_no_phase_shift_and_the_squared_gain()
    {
        const double fs = 250, f = 8;
        var design = Butterworth.BandPass(2, 0.5, 40, fs);
        var signal = Enumerable.Range(0, 10000).Select(i => Math.Sin(2 * Math.PI * f * i / fs)).ToArray();
        var output = ZeroPhaseFilter.Apply(design, signal);
        var gain = Math.Pow(design.Magnitude(f), 2);
        for (var i = 4000; i < 6000; i++) Assert.Equal(gain * signal[i], output[i], 3);
    }

    [Fact]
    public void Baseline_removal_leaves_no_edge_transient_on_an_offset_ramp()
    {
        const double fs = 360;
        // A large DC offset and a slow ramp: odd reflection and steady-state start keep the ends near zero.
        var signal = Enumerable.Range(0, 3600).Select(i => 500 + 0.01 * i).ToArray();
        var output = ZeroPhaseFilter.Apply(Butterworth.HighPass(2, 0.5, fs), signal);
        Assert.True(output.Max(Math.Abs) < 0.5, $"largest residual {output.Max(Math.Abs)}");
    }

    [Fact]
    public void Short_and_empty_signals_are_handled()
    {
        var design = Butterworth.LowPass(2, 10, 100);
        Assert.Empty(ZeroPhaseFilter.Apply(design, []));
        Assert.Equal(5.0, Assert.Single(ZeroPhaseFilter.Apply(design, [5.0])), 9);
        Assert.Equal(3, ZeroPhaseFilter.Apply(design, [1.0, 2, 3]).Length);
    }
}
