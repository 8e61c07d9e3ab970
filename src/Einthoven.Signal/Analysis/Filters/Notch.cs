using System.Numerics;

namespace Einthoven.Signal.Analysis.Filters;

/// <summary>
/// A second-order notch (band-stop) for powerline interference, from the analog notch
/// <c>(s^2 + w0^2) / (s^2 + s w0/Q + w0^2)</c> by the bilinear transform with the notch frequency pre-warped.
/// </summary>
public static class Notch
{
    /// <param name="quality">Notch frequency over the -3 dB width: 30 at 50 Hz removes 48.3..51.7 Hz.</param>
    public static FilterDesign Design(double notchHz, double samplingFrequency, double quality = 30)
    {
        if (!(samplingFrequency > 0)) throw new ArgumentOutOfRangeException(nameof(samplingFrequency), samplingFrequency, "sampling frequency must be positive");
        if (!(notchHz > 0 && notchHz < samplingFrequency / 2))
            throw new ArgumentOutOfRangeException(nameof(notchHz), notchHz, $"the notch must lie between 0 and the Nyquist frequency {samplingFrequency / 2} Hz");
        if (!(quality > 0.5)) throw new ArgumentOutOfRangeException(nameof(quality), quality, "quality must be above 0.5");
        var w0 = Bilinear.Prewarp(notchHz, samplingFrequency);
        var pole = -w0 / (2 * quality) + Complex.ImaginaryOne * w0 * Math.Sqrt(1 - 1 / (4 * quality * quality));
        return Bilinear.Design([pole], [Complex.ImaginaryOne * w0], samplingFrequency, 0);
    }
}
