using Einthoven.Signal.Analysis.Filters;

namespace Einthoven.Evaluation.Tests.Qrs;

/// <summary>
/// Noise of the kinds that trouble QRS detectors, synthesised and scaled to a signal-to-noise ratio against a given
/// ECG (powers of the mean-removed signals).
/// </summary>
public static class SyntheticNoise
{
    public enum Kind { BaselineWander, Muscle, ElectrodeMotion, Powerline }

    public static double[] Add(double[] ecg, double fs, Kind kind, double snrDb, int seed)
    {
        var noise = Make(kind, ecg.Length, fs, new Random(seed));
        var scale = Math.Sqrt(Power(ecg) / Power(noise) / Math.Pow(10, snrDb / 10));
        var noisy = new double[ecg.Length];
        for (var i = 0; i < ecg.Length; i++) noisy[i] = ecg[i] + scale * noise[i];
        return noisy;
    }

    public static double Power(double[] x)
    {
        var mean = x.Average();
        return x.Average(v => (v - mean) * (v - mean));
    }

    private static double[] Make(Kind kind, int n, double fs, Random random) => kind switch
    {
        // Breathing and movement: a few slow sinusoids (0.1-0.6 Hz).
        Kind.BaselineWander => Sum(n, Enumerable.Range(0, 4).Select(_ => Sine(n, fs, 0.1 + 0.5 * random.NextDouble(), random.NextDouble() * 2 * Math.PI, 0.5 + random.NextDouble()))),
        // Muscle (EMG): Gaussian noise band-limited to 10-100 Hz, overlapping the QRS band.
        Kind.Muscle => CausalFilter.Apply(Butterworth.BandPass(2, 10, Math.Min(100, 0.45 * fs), fs), Gaussian(n, random)),
        Kind.ElectrodeMotion => Motion(n, fs, random),
        // Mains at 60 Hz with its third harmonic.
        Kind.Powerline => Sum(n, [Sine(n, fs, 60, 0, 1), Sine(n, fs, 180 % (fs / 2), 1, 0.2)]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // Electrode motion: baseline steps that relax over a second, and bursts of 1-15 Hz noise lasting 0.3-2 s.
    private static double[] Motion(int n, double fs, Random random)
    {
        var x = new double[n];
        var level = 0.0;
        var burst = CausalFilter.Apply(Butterworth.BandPass(2, 1, 15, fs), Gaussian(n, random));
        var burstLeft = 0;
        var decay = Math.Exp(-1 / fs);
        for (var i = 0; i < n; i++)
        {
            if (random.NextDouble() < 0.3 / fs) level += (random.NextDouble() - 0.5) * 6;
            level *= decay;
            if (burstLeft == 0 && random.NextDouble() < 0.2 / fs) burstLeft = (int)((0.3 + 1.7 * random.NextDouble()) * fs);
            x[i] = level + (burstLeft > 0 ? 3 * burst[i] : 0);
            if (burstLeft > 0) burstLeft--;
        }
        return x;
    }

    private static double[] Gaussian(int n, Random random) =>
        Enumerable.Range(0, n).Select(_ => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();

    private static double[] Sine(int n, double fs, double hz, double phase, double amplitude) =>
        Enumerable.Range(0, n).Select(i => amplitude * Math.Sin(2 * Math.PI * hz * i / fs + phase)).ToArray();

    private static double[] Sum(int n, IEnumerable<double[]> parts)
    {
        var x = new double[n];
        foreach (var p in parts)
            for (var i = 0; i < n; i++) x[i] += p[i];
        return x;
    }
}
