namespace Einthoven.Server.Viewer;

/// <summary>
/// Min/max envelopes: each of <c>points</c> buckets keeps the lowest and highest sample it covers, so that no spike
/// disappears however far the view is zoomed out.
/// </summary>
public static class Decimator
{
    /// <summary>Bucket <paramref name="b"/> of <paramref name="points"/> over <paramref name="length"/> samples: [start, end).</summary>
    public static (long Start, long End) Bucket(long length, int points, int b) =>
        (length * b / points, length * (b + 1) / points);

    /// <summary>Exact envelope of raw samples.</summary>
    public static (int[] Min, int[] Max) FromSamples(ReadOnlySpan<int> samples, int points)
    {
        var min = new int[points];
        var max = new int[points];
        for (var b = 0; b < points; b++)
        {
            var (start, end) = Bucket(samples.Length, points, b);
            int lo = int.MaxValue, hi = int.MinValue;
            foreach (var v in samples[(int)start..(int)Math.Max(end, start + 1)])
            {
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
            (min[b], max[b]) = (lo, hi);
        }
        return (min, max);
    }

    /// <summary>
    /// Envelope of samples <c>[first, first + length)</c> from per-block minima and maxima: each bucket takes every block
    /// it touches, so the result contains the exact envelope (it can only be wider, by less than a block at each edge).
    /// </summary>
    public static (int[] Min, int[] Max) FromBlocks(int[] blockMin, int[] blockMax, int blockSize, long first, long length, int points)
    {
        var min = new int[points];
        var max = new int[points];
        for (var b = 0; b < points; b++)
        {
            var (start, end) = Bucket(length, points, b);
            var firstBlock = (int)((first + start) / blockSize);
            var lastBlock = (int)Math.Min(blockMin.Length - 1, (first + Math.Max(end, start + 1) - 1) / blockSize);
            int lo = int.MaxValue, hi = int.MinValue;
            for (var k = firstBlock; k <= lastBlock; k++)
            {
                if (blockMin[k] < lo) lo = blockMin[k];
                if (blockMax[k] > hi) hi = blockMax[k];
            }
            (min[b], max[b]) = (lo, hi);
        }
        return (min, max);
    }
}
