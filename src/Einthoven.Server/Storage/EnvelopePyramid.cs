namespace Einthoven.Server.Storage;

/// <summary>One lead's min/max per block of <see cref="BlockSize"/> samples.</summary>
public sealed record Envelope(int BlockSize, int[] Minima, int[] Maxima)
{
    /// <summary>The envelope over blocks <paramref name="factor"/> times larger.</summary>
    public Envelope Coarser(int factor)
    {
        var count = (Minima.Length + factor - 1) / factor;
        var min = new int[count];
        var max = new int[count];
        for (var i = 0; i < count; i++)
        {
            var to = Math.Min(Minima.Length, (i + 1) * factor);
            int lo = int.MaxValue, hi = int.MinValue;
            for (var k = i * factor; k < to; k++)
            {
                if (Minima[k] < lo) lo = Minima[k];
                if (Maxima[k] > hi) hi = Maxima[k];
            }
            (min[i], max[i]) = (lo, hi);
        }
        return new Envelope(BlockSize * factor, min, max);
    }
}

/// <summary>
/// A lead's stored block envelope and ever coarser levels above it (each <see cref="Factor"/> times coarser, about
/// 1/7 more memory), so that the min/max over any run of blocks costs a few lookups per level instead of one per
/// block, with exactly the result of scanning the finest level.
/// </summary>
public sealed class EnvelopePyramid
{
    public const int Factor = 8;
    private readonly Envelope[] _levels;

    public EnvelopePyramid(Envelope finest)
    {
        var levels = new List<Envelope> { finest };
        while (levels[^1].Minima.Length > Factor) levels.Add(levels[^1].Coarser(Factor));
        _levels = levels.ToArray();
    }

    public Envelope Finest => _levels[0];
    public int BlockSize => _levels[0].BlockSize;
    public int BlockCount => _levels[0].Minima.Length;
    public long SizeBytes => _levels.Sum(l => l.Minima.Length * 8L);

    /// <summary>Min and max over the finest blocks <c>[first, end)</c> (non-empty).</summary>
    public (int Min, int Max) Range(int first, int end)
    {
        int lo = int.MaxValue, hi = int.MinValue;
        for (var level = 0; first < end; level++)
        {
            var (min, max) = (_levels[level].Minima, _levels[level].Maxima);
            var top = level == _levels.Length - 1;
            // Take the unaligned blocks at both ends here; the aligned middle is covered by the next level's blocks.
            while (first < end && (top || first % Factor != 0)) Take(first++);
            while (first < end && end % Factor != 0) Take(--end);
            first /= Factor;
            end /= Factor;

            void Take(int k)
            {
                if (min[k] < lo) lo = min[k];
                if (max[k] > hi) hi = max[k];
            }
        }
        return (lo, hi);
    }
}
