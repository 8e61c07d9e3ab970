namespace Einthoven.Signal.Analysis.Spectral;

/// <summary>A one-sided power spectral density: <see cref="Density"/>[k] at frequency k * <see cref="Resolution"/>.</summary>
public sealed class PowerSpectrum(double[] density, double resolution)
{
    /// <summary>Power per Hz (input unit squared per Hz).</summary>
    public double[] Density { get; } = density;

    /// <summary>Spacing of the bins in Hz.</summary>
    public double Resolution { get; } = resolution;

    public double Frequency(int bin) => bin * Resolution;

    /// <summary>Power between <paramref name="low"/> (inclusive) and <paramref name="high"/> (exclusive) Hz, by the rectangle rule.</summary>
    public double BandPower(double low, double high)
    {
        var sum = 0.0;
        for (var k = 0; k < Density.Length; k++)
        {
            var f = Frequency(k);
            if (f >= low && f < high) sum += Density[k];
        }
        return sum * Resolution;
    }
}
