using System.Numerics;

namespace Einthoven.Signal.Analysis.Spectral;

/// <summary>In-place iterative radix-2 FFT (length must be a power of two).</summary>
public static class Fft
{
    public static void Forward(Complex[] data)
    {
        var n = data.Length;
        if (n == 0 || (n & (n - 1)) != 0)
            throw new ArgumentException($"FFT length {n} is not a power of two", nameof(data));
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (data[i], data[j]) = (data[j], data[i]);
        }
        for (var len = 2; len <= n; len <<= 1)
        {
            var step = Complex.FromPolarCoordinates(1, -2 * Math.PI / len);
            for (var start = 0; start < n; start += len)
            {
                var w = Complex.One;
                for (var k = 0; k < len / 2; k++)
                {
                    var a = data[start + k];
                    var b = data[start + k + len / 2] * w;
                    data[start + k] = a + b;
                    data[start + k + len / 2] = a - b;
                    w *= step;
                }
            }
        }
    }

    public static int NextPowerOfTwo(int n)
    {
        var p = 1;
        while (p < n) p <<= 1;
        return p;
    }
}
