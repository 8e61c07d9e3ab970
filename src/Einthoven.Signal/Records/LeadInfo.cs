namespace Einthoven.Signal.Records;

/// <summary>
/// One lead (signal) of a record and its calibration. Samples are kept as integers (ADC units);
/// the physical value is <c>(digital - Baseline) / Gain</c> in <see cref="Unit"/>.
/// </summary>
public sealed record LeadInfo
{
    public required string Name { get; init; }
    public string Unit { get; init; } = "mV";
    /// <summary>ADC units per physical unit (WFDB "adc gain").</summary>
    public double Gain { get; init; } = 200;
    /// <summary>Digital value that corresponds to 0 physical units.</summary>
    public int Baseline { get; init; }
    /// <summary>
    /// Fractional part of the baseline, in [-0.5, 0.5), for formats whose calibration puts zero between two digital
    /// values (EDF: physical range -500..500 over digital -32768..32767 has its zero at -0.5). Integer-only formats
    /// (WFDB) drop it, moving values by at most half a step.
    /// </summary>
    public double BaselineFraction { get; init; }
    /// <summary>ADC resolution in bits.</summary>
    public int AdcResolution { get; init; } = 12;
    /// <summary>Digital value at the middle of the ADC range.</summary>
    public int AdcZero { get; init; }

    public double ToPhysical(int digital) => (digital - Baseline - BaselineFraction) / Gain;

    public int ToDigital(double physical) => (int)Math.Round(physical * Gain + Baseline + BaselineFraction);
}
