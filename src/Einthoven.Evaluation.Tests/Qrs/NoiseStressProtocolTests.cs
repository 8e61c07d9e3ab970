using Einthoven.Evaluation.Noise;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Tests.Qrs;

/// <summary>The NSTDB protocol as <c>nst</c> documents it: the block schedule, S, N, the gain and the offsets.</summary>
public class NoiseStressProtocolTests
{
    private const double Fs = 360;

    [Fact]
    public void Noise_comes_after_five_clean_minutes_in_alternating_two_minute_blocks()
    {
        var blocks = NoiseStressProtocol.NoisyBlocks(650000, Fs); // a MIT-BIH record: 30 min 5.6 s
        Assert.Equal(7, blocks.Count);
        Assert.Equal(new SampleRange(300 * 360, 420 * 360 - 1), blocks[0]);
        Assert.Equal(new SampleRange(540 * 360, 660 * 360 - 1), blocks[1]);
        Assert.Equal(new SampleRange(1740 * 360, 649999), blocks[^1]); // the last block is cut by the record's end
        Assert.Equal([new SampleRange(0, 300 * 360 - 1), new SampleRange(420 * 360, 540 * 360 - 1)],
            NoiseStressProtocol.Complement(blocks, 650000).Take(2));
    }

    [Fact]
    public void Signal_power_is_the_trimmed_peak_to_peak_qrs_amplitude_squared_over_eight()
    {
        var signal = new double[360 * 400];
        var beats = new List<Annotation>();
        for (var i = 0; i < 330; i++)
        {
            var at = 180 + i * 360;
            // 1.5 mV complexes, except a few giant and tiny ones that the 5 % trimming drops; V beats are not measured.
            var height = i % 50 == 0 ? 10 : i % 50 == 1 ? 0.1 : 1.5;
            signal[at] = height;
            signal[at + 5] = -0.5;
            beats.Add(Annotation.FromSymbol(at, i % 11 == 5 ? "V" : i % 2 == 0 ? "N" : "R"));
        }
        signal[180 + 5 * 360 + 2] = 30; // inside a V beat's window: not measured
        Assert.Equal(2.0 * 2.0 / 8, NoiseStressProtocol.SignalPower(signal, beats, Fs), 9);
    }

    [Fact]
    public void Noise_power_is_the_squared_trimmed_mean_of_per_second_rms_about_the_mean()
    {
        // Square wave of amplitude 0.3 around an offset of 5 (RMS about the mean 0.3), with a burst in 3 % of the
        // seconds and silence in 3 % that the trimming drops.
        var noise = new double[360 * 300];
        for (var i = 0; i < noise.Length; i++)
        {
            var second = i / 360;
            var amplitude = second % 33 == 0 ? 4 : second % 33 == 1 ? 0 : 0.3;
            noise[i] = 5 + (i % 2 == 0 ? amplitude : -amplitude);
        }
        Assert.Equal(0.09, NoiseStressProtocol.NoisePower(noise, Fs), 9);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(6)]
    [InlineData(-6)]
    public void The_gain_gives_the_asked_for_snr(double snr)
    {
        const double s = 0.5, n = 0.02;
        var a = NoiseStressProtocol.Gain(s, n, snr);
        Assert.Equal(snr, 10 * Math.Log10(s / (n * a * a)), 9);
    }

    [Fact]
    public void Noise_is_added_only_in_the_blocks_and_the_output_does_not_step_when_it_starts_or_stops()
    {
        var signal = new double[1000];
        var noise = Enumerable.Range(0, 1000).Select(i => 3 + Math.Sin(i / 7.0)).ToArray();
        SampleRange[] blocks = [new(200, 399), new(600, 799)];
        var mixed = NoiseStressProtocol.Mix(signal, noise, 2, blocks);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(0, mixed[i]));
        // Inside a block the added noise follows 2 * noise up to an offset.
        Assert.Equal(2 * (noise[350] - noise[250]), mixed[350] - mixed[250], 9);
        // Between blocks it is a constant offset: no noise, no step at the change.
        Assert.All(Enumerable.Range(401, 198), i => Assert.Equal(mixed[400], mixed[i], 9));
        foreach (var edge in new[] { 200, 400, 600, 800 })
            Assert.True(Math.Abs(mixed[edge] - mixed[edge - 1]) <= 2 * 0.15, $"step at {edge}: {mixed[edge - 1]} -> {mixed[edge]}");
    }

    [Fact]
    public void Every_noise_kind_is_reproducible_and_has_the_character_of_its_kind()
    {
        foreach (var kind in Enum.GetValues<NoiseKind>())
            Assert.Equal(StressNoise.Make(kind, 36000, Fs, 7), StressNoise.Make(kind, 36000, Fs, 7));
        var em = StressNoise.Make(NoiseKind.ElectrodeMotion, 360 * 120, Fs, 1);
        var bw = StressNoise.Make(NoiseKind.BaselineWander, 360 * 120, Fs, 1);
        // Motion has steep QRS-like transients; wander has none.
        Assert.True(SteepestToRms(em) > 3 * SteepestToRms(bw), $"em {SteepestToRms(em):0.00}, bw {SteepestToRms(bw):0.00}");
    }

    private static double SteepestToRms(double[] x)
    {
        var slopes = x.Skip(1).Select((v, i) => Math.Abs(v - x[i])).ToArray();
        var rms = Math.Sqrt(x.Average(v => v * v) - Math.Pow(x.Average(), 2));
        return slopes.Max() / rms;
    }
}
