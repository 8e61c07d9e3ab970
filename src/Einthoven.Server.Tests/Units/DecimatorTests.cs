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
        var mins = values.Chunk(block).Select(c => c.Min()).ToArray();
        var maxs = values.Chunk(block).Select(c => c.Max()).ToArray();
        var first = firstSeed % values.Length;
        var length = values.Length - first;
        var points = 1 + pointsSeed % length;
        var (exactMin, exactMax) = Decimator.FromSamples(values.AsSpan(first, length), points);
        var (min, max) = Decimator.FromBlocks(mins, maxs, block, first, length, points);
        return Enumerable.Range(0, points).All(b => min[b] <= exactMin[b] && max[b] >= exactMax[b]);
    }

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
