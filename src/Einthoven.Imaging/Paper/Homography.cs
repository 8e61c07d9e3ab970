using SkiaSharp;

namespace Einthoven.Imaging.Paper;

/// <summary>A plane projective transform (3x3, row-major), mapping page pixels to image pixels.</summary>
public sealed record Homography
{
    private readonly double[] _h;

    public Homography(IReadOnlyList<double> h)
    {
        if (h.Count != 9) throw new ArgumentException($"a homography has 9 entries, not {h.Count}", nameof(h));
        if (h.Any(v => !double.IsFinite(v))) throw new ArgumentException("a homography entry is not finite", nameof(h));
        _h = [.. h];
    }

    public static Homography Identity { get; } = new([1, 0, 0, 0, 1, 0, 0, 0, 1]);

    public IReadOnlyList<double> Entries => _h;

    public (double X, double Y) Map(double x, double y)
    {
        var w = _h[6] * x + _h[7] * y + _h[8];
        return ((_h[0] * x + _h[1] * y + _h[2]) / w, (_h[3] * x + _h[4] * y + _h[5]) / w);
    }

    /// <summary>This transform followed by <paramref name="next"/>.</summary>
    public Homography Then(Homography next)
    {
        var m = new double[9];
        for (var r = 0; r < 3; r++)
        for (var c = 0; c < 3; c++)
            m[r * 3 + c] = next._h[r * 3] * _h[c] + next._h[r * 3 + 1] * _h[3 + c] + next._h[r * 3 + 2] * _h[6 + c];
        var s = Math.Abs(m[8]) > 1e-12 ? m[8] : 1;
        return new Homography(m.Select(v => v / s).ToArray());
    }

    public SKMatrix ToSkMatrix() =>
        new((float)_h[0], (float)_h[1], (float)_h[2], (float)_h[3], (float)_h[4], (float)_h[5], (float)_h[6], (float)_h[7], (float)_h[8]);

    /// <summary>The transform taking each of four points to its partner (the direct linear solution with h33 = 1).</summary>
    public static Homography FromPoints(IReadOnlyList<(double X, double Y)> from, IReadOnlyList<(double X, double Y)> to)
    {
        if (from.Count != 4 || to.Count != 4) throw new ArgumentException("a homography needs exactly four point pairs");
        var a = new double[8, 9];
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = from[i];
            var (u, v) = to[i];
            double[] rowU = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] rowV = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (var c = 0; c < 9; c++) { a[2 * i, c] = rowU[c]; a[2 * i + 1, c] = rowV[c]; }
        }
        return new Homography([.. Solve(a), 1]);
    }

    // Gaussian elimination with partial pivoting on the 8x8 system [A | b].
    private static double[] Solve(double[,] a)
    {
        const int n = 8;
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(a[r, col]));
            if (Math.Abs(a[pivot, col]) < 1e-12) throw new ArgumentException("the four points are degenerate (three in a line)");
            for (var c = 0; c <= n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var f = a[r, col] / a[col, col];
                for (var c = col; c <= n; c++) a[r, c] -= f * a[col, c];
            }
        }
        return Enumerable.Range(0, n).Select(r => a[r, n] / a[r, r]).ToArray();
    }
}
