using Einthoven.Signal.Analysis.Filters;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Analysis.Filters;

public class CausalFilterTests
{
    private static double[] Noise(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    [Property(MaxTest = 60)]
    public bool Streaming_in_any_chunks_equals_one_pass(PositiveInt seed, NonEmptyArray<PositiveInt> chunkSizes)
    {
        var design = Butterworth.BandPass(2, 5, 15, 360).Then(Notch.Design(60, 360));
        var signal = Noise(1500, seed.Get);
        var whole = CausalFilter.Apply(design, signal);

        var streamed = new double[signal.Length];
        var filter = new CausalFilter(design);
        var at = 0;
        for (var c = 0; at < signal.Length; c++)
        {
            var size = Math.Min(chunkSizes.Get[c % chunkSizes.Get.Length].Get % 200 + 1, signal.Length - at);
            filter.Process(signal.AsSpan(at, size), streamed.AsSpan(at, size));
            at += size;
        }
        return whole.Zip(streamed).All(p => p.First == p.Second);
    }

    [Fact]
    public void A_primed_filter_passes_a_constant_without_a_transient()
    {
        var filter = new CausalFilter(Butterworth.LowPass(4, 30, 360));
        filter.Prime(1000);
        for (var i = 0; i < 50; i++) Assert.Equal(1000, filter.Step(1000), 6);

        var highPass = new CausalFilter(Butterworth.HighPass(2, 0.5, 360));
        highPass.Prime(-300);
        for (var i = 0; i < 50; i++) Assert.Equal(0, highPass.Step(-300), 6);
    }

    [Fact]
    public void Reset_forgets_earlier_input()
    {
        var design = Butterworth.LowPass(2, 10, 100);
        var filter = new CausalFilter(design);
        foreach (var x in Noise(100, 3)) filter.Step(x);
        filter.Reset();
        var impulse = new double[20];
        impulse[0] = 1;
        var afterReset = new double[20];
        filter.Process(impulse, afterReset);
        Assert.Equal(CausalFilter.Apply(design, impulse), afterReset);
    }

    [Fact]
    public void A_sinusoid_in_the_pass_band_comes_out_with_the_designed_gain()
    {
        const double fs = 360, f = 10;
        var design = Butterworth.LowPass(4, 40, fs);
        var signal = Enumerable.Range(0, 3600).Select(i => Math.Sin(2 * Math.PI * f * i / fs)).ToArray();
        var output = CausalFilter.Apply(design, signal);
        var rms = Math.Sqrt(output.Skip(1800).Average(v => v * v));
        Assert.Equal(design.Magnitude(f), rms * Math.Sqrt(2), 3);
    }
}
