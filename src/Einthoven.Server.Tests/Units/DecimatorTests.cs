using Einthoven.Server.Storage;
using Einthoven.Server.Viewer;
using FsCheck.Xunit;

namespace Einthoven.Server.Tests.Units;

public class DecimatorTests
{
    [Property(MaxTest = 200)]
    public bool Envelopes_from_blocks_contain_the_exact_envelope(int[] values, byte pointsSeed, ushort firstSeed)
    {
        if (values.Length < 2) return true;
        const int block = 4;
        var first = firstSeed % values.Length;
        var length = values.Length - first;
        var points = 1 + pointsSeed % length;
        var (exactMin, exactMax) = Decimator.FromSamples(values.AsSpan(first, length), points);
        var (min, max) = Decimator.FromPyramid(Pyramid(values, block), first, length, points);
        return Enumerable.Range(0, points).All(b => min[b] <= exactMin[b] && max[b] >= exactMax[b]);
    }

    [Property(MaxTest = 100)]
    public void The_pyramid_envelope_equals_the_raw_envelope_of_each_bucket_widened_to_whole_blocks(int seed, ushort pointsSeed, ushort firstSeed)
    {
        // Enough blocks for four pyramid levels, and spikes at random places.
        var random = new Random(seed);
        var values = Enumerable.Range(0, 3_000 + random.Next(20_000)).Select(_ => random.Next(-100, 100) * (random.Next(50) == 0 ? 40 : 1)).ToArray();
        const int block = 4;
        var first = firstSeed % (values.Length / 2);
        var length = values.Length - first - random.Next(values.Length / 4);
        var points = 1 + pointsSeed % (length / (2 * block));
        var (min, max) = Decimator.FromPyramid(Pyramid(values, block), first, length, points);
        for (var b = 0; b < points; b++)
        {
            var (start, end) = Decimator.Bucket(length, points, b);
            var from = (first + (int)start) / block * block;
            var to = Math.Min(values.Length, ((first + (int)end - 1) / block + 1) * block);
            Assert.Equal(values[from..to].Min(), min[b]);
            Assert.Equal(values[from..to].Max(), max[b]);
        }
    }

    [Property(MaxTest = 200)]
    public void Envelopes_read_across_chunks_equal_those_of_the_whole_window(int[] values, byte pointsSeed, ushort firstSeed, byte chunkSeed)
    {
        if (values.Length < 1) return;
        var chunkSize = 1 + chunkSeed % 9;
        var first = firstSeed % values.Length;
        var length = values.Length - first;
        var points = 1 + pointsSeed % length;
        var chunks = values.Chunk(chunkSize).Skip(first / chunkSize).ToList();
        var (min, max) = Decimator.FromChunks(chunks, chunkSize, first, length, points);
        var (exactMin, exactMax) = Decimator.FromSamples(values.AsSpan(first, length), points);
        Assert.Equal(exactMin, min);
        Assert.Equal(exactMax, max);
    }

    private static EnvelopePyramid Pyramid(int[] values, int block) =>
        new(new Envelope(block, values.Chunk(block).Select(c => c.Min()).ToArray(), values.Chunk(block).Select(c => c.Max()).ToArray()));

    [Fact]
    public void A_single_spike_survives_any_decimation()
    {
        var x = new int[100_000];
        x[54_321] = 5000;
        x[12_345] = -7000;
        foreach (var points in new[] { 1, 7, 333, 2000 })
        {
            var (min, max) = Decimator.FromSamples(x, points);
            Assert.Equal(5000, max.Max());
            Assert.Equal(-7000, min.Min());
        }
    }

    [Fact]
    public void Buckets_tile_the_window_without_gaps()
    {
        long end = 0;
        for (var b = 0; b < 7; b++)
        {
            var (start, stop) = Decimator.Bucket(100, 7, b);
            Assert.Equal(end, start);
            end = stop;
        }
        Assert.Equal(100, end);
    }
}
