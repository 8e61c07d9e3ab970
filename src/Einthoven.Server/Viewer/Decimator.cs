using Einthoven.Server.Storage;

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
    /// Exact envelope of samples <c>[first, first + length)</c> of a lead held in consecutive chunks of
    /// <paramref name="chunkSize"/> samples, <paramref name="chunks"/>[0] being the chunk that holds <paramref name="first"/>:
    /// read in place, so a window is never copied into one large array.
    /// </summary>
    public static (int[] Min, int[] Max) FromChunks(IReadOnlyList<int[]> chunks, int chunkSize, long first, long length, int points)
    {
        var min = new int[points];
        var max = new int[points];
        var origin = first / chunkSize * chunkSize;
        for (var b = 0; b < points; b++)
        {
            var (start, end) = Bucket(length, points, b);
            end = Math.Max(end, start + 1);
            int lo = int.MaxValue, hi = int.MinValue;
            for (var at = first + start - origin; at < first + end - origin;)
            {
                var chunk = chunks[(int)(at / chunkSize)];
                var offset = (int)(at % chunkSize);
                var take = (int)Math.Min(chunk.Length - offset, first + end - origin - at);
                foreach (var v in chunk.AsSpan(offset, take))
                {
                    if (v < lo) lo = v;
                    if (v > hi) hi = v;
                }
                at += take;
            }
            (min[b], max[b]) = (lo, hi);
        }
        return (min, max);
    }

    /// <summary>
    /// Envelope of samples <c>[first, first + length)</c> from a lead's block envelope: each bucket takes every block it
    /// touches, so the result is the exact envelope of the bucket widened to whole blocks (wider by less than a block
    /// at each edge, never narrower).
    /// </summary>
    public static (int[] Min, int[] Max) FromPyramid(EnvelopePyramid pyramid, long first, long length, int points)
    {
        var min = new int[points];
        var max = new int[points];
        for (var b = 0; b < points; b++)
        {
            var (start, end) = Bucket(length, points, b);
            var firstBlock = (int)((first + start) / pyramid.BlockSize);
            var endBlock = (int)Math.Min(pyramid.BlockCount, (first + Math.Max(end, start + 1) - 1) / pyramid.BlockSize + 1);
            (min[b], max[b]) = pyramid.Range(firstBlock, endBlock);
        }
        return (min, max);
    }
}
