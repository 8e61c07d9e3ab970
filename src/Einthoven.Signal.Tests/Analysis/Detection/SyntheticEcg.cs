namespace Einthoven.Signal.Tests.Analysis.Detection;

/// <summary>A synthetic ECG in mV made of Gaussian P, QRS (Q, R, S) and T waves at known R-peak times.</summary>
internal static class SyntheticEcg
{
    public static (double[] Signal, long[] RPeaks) Make(double fs, double seconds, int seed, double tWaveMv = 0.3, double qrsMv = 1.2)
    {
        var random = new Random(seed);
        var n = (int)(seconds * fs);
        var signal = new double[n];
        var peaks = new List<long>();
        var t = 0.5 + random.NextDouble() * 0.3;
        while (t < seconds - 0.6)
        {
            peaks.Add((long)Math.Round(t * fs));
            AddWave(signal, fs, t - 0.16, 0.02, 0.12);
            AddWave(signal, fs, t - 0.025, 0.008, -0.12 * qrsMv);
            AddWave(signal, fs, t, 0.01, qrsMv);
            AddWave(signal, fs, t + 0.025, 0.008, -0.25 * qrsMv);
            AddWave(signal, fs, t + 0.28, 0.045, tWaveMv);
            t += 0.65 + random.NextDouble() * 0.5;
        }
        return (signal, peaks.ToArray());
    }

    private static void AddWave(double[] signal, double fs, double centre, double width, double height)
    {
        var from = Math.Max(0, (int)((centre - 5 * width) * fs));
        var to = Math.Min(signal.Length - 1, (int)((centre + 5 * width) * fs));
        for (var i = from; i <= to; i++)
        {
            var d = (i / fs - centre) / width;
            signal[i] += height * Math.Exp(-0.5 * d * d);
        }
    }
}
