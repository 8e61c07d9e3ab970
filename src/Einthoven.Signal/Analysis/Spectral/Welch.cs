using System.Numerics;

namespace Einthoven.Signal.Analysis.Spectral;

/// <summary>
/// Welch's averaged periodogram: Hann-windowed segments with 50 % overlap, each with its mean removed,
/// scaled so that the band power of the result equals the variance of the input.
/// </summary>
public static class Welch
{
    public static PowerSpectrum Estimate(ReadOnlySpan<double> x, double fs, int segmentLength)
    {
        if (fs <= 0) throw new ArgumentOutOfRangeException(nameof(fs), fs, "sampling frequency must be positive");
        if (x.Length < 2) throw new ArgumentException("at least two samples are needed for a spectrum", nameof(x));
        var seg = Math.Min(segmentLength, x.Length);
        var nfft = Fft.NextPowerOfTwo(seg);
        var window = new double[seg];
        var windowPower = 0.0;
        for (var i = 0; i < seg; i++)
        {
            window[i] = seg == 1 ? 1 : 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / seg);
            windowPower += window[i] * window[i];
        }
        var density = new double[nfft / 2 + 1];
        var buffer = new Complex[nfft];
        var step = Math.Max(1, seg / 2);
        var count = 0;
        for (var start = 0; start + seg <= x.Length; start += step)
        {
            var part = x.Slice(start, seg);
            var mean = 0.0;
            foreach (var v in part) mean += v;
            mean /= seg;
            Array.Clear(buffer);
            for (var i = 0; i < seg; i++) buffer[i] = (part[i] - mean) * window[i];
            Fft.Forward(buffer);
            for (var k = 0; k < density.Length; k++)
            {
                var p = buffer[k].Magnitude;
                var twoSided = k == 0 || (k == nfft / 2) ? 1 : 2;
                density[k] += twoSided * p * p / (fs * windowPower);
            }
            count++;
        }
        for (var k = 0; k < density.Length; k++) density[k] /= count;
        return new PowerSpectrum(density, fs / nfft);
    }
}
