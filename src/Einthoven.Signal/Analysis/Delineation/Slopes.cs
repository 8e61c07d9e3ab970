namespace Einthoven.Signal.Analysis.Delineation;

/// <summary>Small helpers on sampled waveforms used by the delineator.</summary>
internal static class Slopes
{
    /// <summary>Central difference over ±<paramref name="h"/> samples, per second.</summary>
    public static double[] Derivative(double[] x, int h, double fs)
    {
        var d = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var a = Math.Max(0, i - h);
            var b = Math.Min(x.Length - 1, i + h);
            d[i] = b == a ? 0 : (x[b] - x[a]) * fs / (b - a);
        }
        return d;
    }

    /// <summary>Centred moving average of width 2<paramref name="h"/>+1 (edges use the part that exists).</summary>
    public static double[] Smooth(double[] x, int h)
    {
        if (h <= 0) return (double[])x.Clone();
        var y = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            int a = Math.Max(0, i - h), b = Math.Min(x.Length - 1, i + h);
            var s = 0.0;
            for (var j = a; j <= b; j++) s += x[j];
            y[i] = s / (b - a + 1);
        }
        return y;
    }

    public static double Mean(double[] x, int from, int to)
    {
        from = Math.Max(0, from);
        to = Math.Min(x.Length, to);
        if (to <= from) return x[Math.Clamp(from, 0, x.Length - 1)];
        var s = 0.0;
        for (var i = from; i < to; i++) s += x[i];
        return s / (to - from);
    }

    public static int ArgMax(double[] x, int from, int to)
    {
        from = Math.Max(0, from);
        to = Math.Min(x.Length, to);
        var best = from;
        for (var i = from; i < to; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var v = values.ToArray();
        if (v.Length == 0) return 0;
        Array.Sort(v);
        return v[(int)Math.Clamp(Math.Round(p * (v.Length - 1)), 0, v.Length - 1)];
    }
}
