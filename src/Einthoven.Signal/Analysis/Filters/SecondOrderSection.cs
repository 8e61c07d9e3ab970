using System.Numerics;

namespace Einthoven.Signal.Analysis.Filters;

/// <summary>
/// One biquad <c>H(z) = (B0 + B1 z^-1 + B2 z^-2) / (1 + A1 z^-1 + A2 z^-2)</c>; cascades of these keep high-order
/// IIR filters numerically stable where a single long polynomial would not be.
/// </summary>
public readonly record struct SecondOrderSection(double B0, double B1, double B2, double A1, double A2)
{
    /// <summary>The complex response at <c>z = e^(jw)</c>, <paramref name="omega"/> in radians per sample.</summary>
    public Complex Response(double omega)
    {
        var z1 = Complex.FromPolarCoordinates(1, -omega);
        var z2 = z1 * z1;
        return (B0 + B1 * z1 + B2 * z2) / (1 + A1 * z1 + A2 * z2);
    }

    /// <summary>Gain for a constant input (the response at DC).</summary>
    public double DcGain => (B0 + B1 + B2) / (1 + A1 + A2);

    public SecondOrderSection Scaled(double gain) => this with { B0 = B0 * gain, B1 = B1 * gain, B2 = B2 * gain };
}
