using Einthoven.Signal.Compression;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Compression;

public class SampleCodecTests
{
    [Property(MaxTest = 300)]
    public bool Any_int_sequence_round_trips(int[] samples) => SampleCodec.Decode(SampleCodec.Encode(samples)).AsSpan().SequenceEqual(samples);

    [Property(MaxTest = 200)]
    public bool Smooth_signals_with_spikes_round_trip(short[] steps, byte spikeEvery)
    {
        var x = new int[steps.Length];
        var level = 0;
        for (var i = 0; i < x.Length; i++)
        {
            level += steps[i] % 40;
            x[i] = spikeEvery > 0 && i % spikeEvery == 0 ? level + 30000 : level;
        }
        return SampleCodec.Decode(SampleCodec.Encode(x)).AsSpan().SequenceEqual(x);
    }

    [Fact]
    public void Extreme_values_round_trip()
    {
        int[] x = [int.MinValue, int.MaxValue, int.MinValue, int.MaxValue, 0, -1, int.MaxValue, int.MinValue, 1, int.MinValue];
        Assert.Equal(x, SampleCodec.Decode(SampleCodec.Encode(x)));
    }

    [Fact]
    public void Empty_block_round_trips()
    {
        var encoded = SampleCodec.Encode([]);
        Assert.Equal(0, SampleCodec.Count(encoded));
        Assert.Empty(SampleCodec.Decode(encoded));
    }

    [Fact]
    public void A_slow_sine_costs_far_less_than_two_bytes_per_sample()
    {
        var x = Enumerable.Range(0, 10_000).Select(i => (int)Math.Round(500 * Math.Sin(i * 2 * Math.PI / 360))).ToArray();
        var encoded = SampleCodec.Encode(x);
        Assert.Equal(x, SampleCodec.Decode(encoded));
        Assert.True(encoded.Length < x.Length / 2, $"{encoded.Length} bytes for {x.Length} samples");
    }

    [Fact]
    public void Truncated_data_throws_instead_of_returning_garbage()
    {
        var x = Enumerable.Range(0, 1000).Select(i => i * 37 % 101).ToArray();
        var encoded = SampleCodec.Encode(x);
        Assert.Throws<InvalidDataException>(() => SampleCodec.Decode(encoded.AsSpan(0, encoded.Length / 2)));
    }

    [Fact]
    public void Decode_into_a_wrong_sized_buffer_is_refused()
    {
        var encoded = SampleCodec.Encode([1, 2, 3]);
        Assert.Throws<ArgumentException>(() => SampleCodec.Decode(encoded, new int[2]));
    }
}
