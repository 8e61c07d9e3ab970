using System.Numerics;

namespace Einthoven.Signal.Analysis.Filters;

/// <summary>
/// Butterworth filters (maximally flat pass band, -3 dB at the cut-off) designed from the analog prototype by the
/// bilinear transform with pre-warping, as second-order sections.
/// </summary>
public static class Butterworth
{
    public static FilterDesign LowPass(int order, double cutoffHz, double samplingFrequency)
    {
        Check(order, samplingFrequency, cutoffHz);
        var wc = Bilinear.Prewarp(cutoffHz, samplingFrequency);
        return Bilinear.Design(PrototypePoles(order).Select(p => p * wc).ToList(), [], samplingFrequency, 0);
    }

    public static FilterDesign HighPass(int order, double cutoffHz, double samplingFrequency)
    {
        Check(order, samplingFrequency, cutoffHz);
        var wc = Bilinear.Prewarp(cutoffHz, samplingFrequency);
        var poles = PrototypePoles(order).Select(p => wc / p).Select(UpperHalf).ToList();
        return Bilinear.Design(poles, Enumerable.Repeat(Complex.Zero, order).ToList(), samplingFrequency, samplingFrequency / 2);
    }

    /// <summary>
    /// Band-pass of the given prototype order (the digital filter has twice as many poles); -3 dB at both edges.
    /// </summary>
    public static FilterDesign BandPass(int order, double lowHz, double highHz, double samplingFrequency)
    {
        Check(order, samplingFrequency, lowHz);
        Check(order, samplingFrequency, highHz);
        if (!(lowHz < highHz)) throw new ArgumentException($"the low edge {lowHz} Hz must be below the high edge {highHz} Hz");
        var w1 = Bilinear.Prewarp(lowHz, samplingFrequency);
        var w2 = Bilinear.Prewarp(highHz, samplingFrequency);
        var bw = w2 - w1;
        var w0Squared = w1 * w2;
        var poles = new List<Complex>();
        foreach (var p in AllPrototypePoles(order))
        {
            // s -> (s^2 + w0^2) / (s bw) maps each prototype pole onto two band-pass poles.
            var pb = p * bw / 2;
            var root = Complex.Sqrt(pb * pb - w0Squared);
            foreach (var s in new[] { pb + root, pb - root })
            {
                if (s.Imaginary > 1e-9 * s.Magnitude) poles.Add(s);
                else if (Math.Abs(s.Imaginary) <= 1e-9 * s.Magnitude) poles.Add(new Complex(s.Real, 0));
            }
        }
        // Unit gain at the digital image of the analog centre frequency.
        var unitGainHz = Math.Atan(Math.Sqrt(w0Squared) / (2 * samplingFrequency)) * samplingFrequency / Math.PI;
        return Bilinear.Design(poles, Enumerable.Repeat(Complex.Zero, order).ToList(), samplingFrequency, unitGainHz);
    }

    // Poles of the unit-cut-off prototype in the upper half plane (and the real one for odd orders).
    private static IEnumerable<Complex> PrototypePoles(int order) => AllPrototypePoles(order).Where(p => p.Imaginary >= -1e-12);

    private static IEnumerable<Complex> AllPrototypePoles(int order)
    {
        for (var k = 0; k < order; k++)
        {
            var p = Complex.FromPolarCoordinates(1, Math.PI * (2 * k + order + 1) / (2 * order));
            yield return Math.Abs(p.Imaginary) < 1e-12 ? new Complex(p.Real, 0) : p;
        }
    }

    private static Complex UpperHalf(Complex c) => c.Imaginary < 0 ? Complex.Conjugate(c) : c;

    private static void Check(int order, double fs, double hz)
    {
        if (order is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(order), order, "Butterworth order must be 1..12");
        if (!(fs > 0)) throw new ArgumentOutOfRangeException(nameof(fs), fs, "sampling frequency must be positive");
        if (!(hz > 0 && hz < fs / 2)) throw new ArgumentOutOfRangeException(nameof(hz), hz, $"a cut-off must lie between 0 and the Nyquist frequency {fs / 2} Hz");
    }
}
