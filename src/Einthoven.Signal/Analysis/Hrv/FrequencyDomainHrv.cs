using Einthoven.Signal.Analysis.Beats;
using Einthoven.Signal.Analysis.Spectral;

namespace Einthoven.Signal.Analysis.Hrv;

/// <summary>
/// Frequency-domain HRV: the NN tachogram resampled at 4 Hz, detrended, and its Welch spectrum (256 s Hann segments,
/// 50 % overlap) integrated over LF 0.04-0.15 Hz and HF 0.15-0.4 Hz. Powers in ms².
/// </summary>
public sealed record FrequencyDomainHrv(double Lf, double Hf, double? LfHfRatio, double TotalPower)
{
    public const double LfLow = 0.04, LfHigh = 0.15, HfHigh = 0.4;

    /// <summary>Shorter NN series cannot resolve the LF band (its slowest cycle lasts 25 s); standards ask for minutes.</summary>
    public const double MinimumSeconds = 120;

    private const double SegmentSeconds = 256;

    /// <summary>The measures, or null when the NN series spans less than <see cref="MinimumSeconds"/>.</summary>
    public static FrequencyDomainHrv? From(RrSeries rr)
    {
        var (times, nn) = rr.NormalToNormal();
        if (times.Length < 2 || times[^1] - times[0] < MinimumSeconds) return null;
        var even = Tachogram.Detrend(Tachogram.Resample(times, nn.Select(v => v * 1000).ToArray()));
        var spectrum = Welch.Estimate(even, Tachogram.DefaultRate, (int)(SegmentSeconds * Tachogram.DefaultRate));
        var lf = spectrum.BandPower(LfLow, LfHigh);
        var hf = spectrum.BandPower(LfHigh, HfHigh);
        return new FrequencyDomainHrv(lf, hf, hf > 0 ? lf / hf : null, spectrum.BandPower(0, HfHigh));
    }
}
