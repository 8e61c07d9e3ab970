namespace Einthoven.Signal.Analysis.Filters;

/// <summary>
/// The one cleaning step every analysis of an ECG lead starts from (as NeuroKit2's <c>ecg_clean</c>): a second-order
/// Butterworth band-pass of 0.5-40 Hz run forward and backward, which removes baseline wander and mains noise without
/// shifting waves. The upper edge is capped at 0.45 of the sampling rate so low rates still get a stable filter.
/// </summary>
public static class EcgCleaning
{
    public const double LowHz = 0.5, HighHz = 40;

    /// <summary>The band-pass design at <paramref name="samplingFrequency"/> Hz.</summary>
    public static FilterDesign BandPass(double samplingFrequency) =>
        Butterworth.BandPass(2, LowHz, Math.Min(HighHz, 0.45 * samplingFrequency), samplingFrequency);

    /// <summary>The cleaned lead, as long as <paramref name="signal"/> and in its units.</summary>
    public static double[] Clean(ReadOnlySpan<double> signal, double samplingFrequency) =>
        ZeroPhaseFilter.Apply(BandPass(samplingFrequency), signal);
}
