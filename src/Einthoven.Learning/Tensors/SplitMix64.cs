namespace Einthoven.Learning.Tensors;

/// <summary>
/// A tiny, fully specified random generator (SplitMix64). The engine uses it instead of <see cref="Random"/> so
/// that initial weights, shuffles and dropout masks are the same on every runtime and platform for a given seed.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong NextULong()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextULong() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, bound).</summary>
    public int NextInt(int bound) => (int)((NextULong() >> 33) * (ulong)bound >> 31);

    /// <summary>Standard normal via Box-Muller.</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher-Yates shuffle.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Derives an independent seed from a seed and a stream number.</summary>
    public static ulong Mix(ulong seed, ulong stream) => new SplitMix64(seed ^ (stream * 0xD1342543DE82EF95UL + 0x2545F4914F6CDD1DUL)).NextULong();

    /// <summary>A stable 64-bit hash of a name (FNV-1a), for seeds derived from parameter paths.</summary>
    public static ulong Hash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in text) h = (h ^ ch) * 1099511628211UL;
        return h;
    }
}
