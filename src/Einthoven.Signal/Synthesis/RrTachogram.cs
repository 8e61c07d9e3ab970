namespace Einthoven.Signal.Synthesis;

/// <summary>
/// ECGSYN's RR-interval process: a bimodal power spectrum (Mayer waves at 0.1 Hz, respiratory sinus arrhythmia at
/// 0.25 Hz, both 0.01 Hz wide, power ratio LF/HF) turned into a time series by random-phase spectral synthesis and
/// scaled to the requested mean and standard deviation.
/// </summary>
public sealed class RrTachogram
{
    private const double Df = 1.0 / 1024, F1 = 0.1, F2 = 0.25, C1 = 0.01, C2 = 0.01;
    private readonly double _mean, _scale;
    private readonly (double Omega, double Amplitude, double Phase)[] _components;

    public RrTachogram(double meanHeartRate, double heartRateStd, double lfHfRatio, Random random)
    {
        _mean = 60 / meanHeartRate;
        var std = 60 * heartRateStd / (meanHeartRate * meanHeartRate);
        var sigma1 = lfHfRatio / (1 + lfHfRatio);
        var sigma2 = 1 / (1 + lfHfRatio);
        var components = new List<(double, double, double)>();
        double variance = 0;
        for (var k = 1; k * Df <= 0.5; k++)
        {
            var f = k * Df;
            var power = sigma1 * Gauss(f, F1, C1) + sigma2 * Gauss(f, F2, C2);
            if (Math.Min(Math.Abs(f - F1) / C1, Math.Abs(f - F2) / C2) > 4) continue; // beyond 4 widths the power is negligible
            var amplitude = Math.Sqrt(power * Df);
            components.Add((2 * Math.PI * f, amplitude, random.NextDouble() * 2 * Math.PI));
            variance += amplitude * amplitude / 2;
        }
        _components = components.ToArray();
        _scale = variance > 0 ? std / Math.Sqrt(variance) : 0;
    }

    /// <summary>The RR interval in seconds of a beat at time <paramref name="t"/> seconds.</summary>
    public double At(double t)
    {
        double sum = 0;
        foreach (var (omega, amplitude, phase) in _components) sum += amplitude * Math.Cos(omega * t + phase);
        return _mean + _scale * sum;
    }

    private static double Gauss(double f, double centre, double width) =>
        Math.Exp(-(f - centre) * (f - centre) / (2 * width * width)) / Math.Sqrt(2 * Math.PI * width * width);
}
