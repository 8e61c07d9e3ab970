using System.Numerics;

namespace Einthoven.Signal.Analysis.Filters;

/// <summary>
/// Turns an analog filter given by poles and zeros into digital second-order sections with the bilinear transform
/// <c>z = (2fs + s) / (2fs - s)</c>. Callers pre-warp their critical frequencies with <see cref="Prewarp"/> so the
/// digital filter has them exactly where asked.
/// </summary>
internal static class Bilinear
{
    /// <summary>Angular analog frequency that the bilinear transform maps onto <paramref name="hz"/>.</summary>
    public static double Prewarp(double hz, double fs) => 2 * fs * Math.Tan(Math.PI * hz / fs);

    /// <summary>
    /// Designs the sections. Zeros at infinity become zeros at z = -1. Each complex pole or zero must come with its
    /// conjugate; only the one with a non-negative imaginary part needs to be listed for a pair, real ones are listed
    /// each. The result is scaled to unit gain at <paramref name="unitGainHz"/>.
    /// </summary>
    public static FilterDesign Design(IReadOnlyList<Complex> analogPoles, IReadOnlyList<Complex> analogZeros, double fs, double unitGainHz)
    {
        var k = 2 * fs;
        Complex Map(Complex s) => (k + s) / (k - s);
        var poles = Expand(analogPoles).Select(Map).ToList();
        var zeros = Expand(analogZeros).Select(Map).ToList();
        while (zeros.Count < poles.Count) zeros.Add(-Complex.One);

        var polePairs = Pair(poles, outerFirst: false);
        var zeroPairs = Pair(zeros, outerFirst: true);
        var sections = new SecondOrderSection[polePairs.Count];
        for (var i = 0; i < sections.Length; i++)
        {
            var (a1, a2) = polePairs[i];
            var (b1, b2) = zeroPairs[i];
            sections[i] = new SecondOrderSection(1, b1, b2, a1, a2);
        }
        var design = new FilterDesign(sections, fs);
        var gain = design.Magnitude(unitGainHz);
        sections[0] = sections[0].Scaled(1 / gain);
        return new FilterDesign(sections, fs);
    }

    private static IEnumerable<Complex> Expand(IEnumerable<Complex> roots)
    {
        foreach (var r in roots)
        {
            yield return r;
            if (Math.Abs(r.Imaginary) > 1e-12 * Math.Max(1, r.Magnitude)) yield return Complex.Conjugate(r);
        }
    }

    // Groups roots into conjugate pairs and the real ones two by two (a lone real root is padded with a root at 0),
    // as the coefficients (c1, c2) of 1 + c1 z^-1 + c2 z^-2. Real zeros pair the largest with the smallest, so a
    // band-pass section gets one zero at z = 1 and one at z = -1 instead of two high-pass and two low-pass sections.
    private static List<(double C1, double C2)> Pair(List<Complex> roots, bool outerFirst)
    {
        var result = roots.Where(r => r.Imaginary > 1e-12).OrderBy(r => Math.Abs(r.Magnitude - 1))
            .Select(r => (-2 * r.Real, r.Magnitude * r.Magnitude)).ToList();
        var real = roots.Where(r => Math.Abs(r.Imaginary) <= 1e-12).Select(r => r.Real).OrderBy(r => r).ToList();
        while (real.Count > 0)
        {
            var a = real[0];
            real.RemoveAt(0);
            var b = 0.0;
            if (real.Count > 0)
            {
                var at = outerFirst ? real.Count - 1 : 0;
                b = real[at];
                real.RemoveAt(at);
            }
            result.Add((-(a + b), a * b));
        }
        return result;
    }
}
