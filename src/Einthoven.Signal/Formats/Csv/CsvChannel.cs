using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>
/// Turns the values of one signal column into digital samples. With a stated gain and baseline, a value must sit on
/// that grid. Otherwise the gain is 10^decimals, the most decimals any value of the column has, so every value is
/// kept exactly (reduced only if the 32-bit samples would overflow, which is noted in the comments).
/// </summary>
internal sealed class CsvChannel
{
    private const double GridTolerance = 1e-6;

    private readonly string _file;
    private readonly bool _explicit;
    private readonly decimal _multiplier;

    private CsvChannel(string file, int column, LeadInfo lead, bool isExplicit, decimal multiplier)
    {
        _file = file;
        Column = column;
        Lead = lead;
        _explicit = isExplicit;
        _multiplier = multiplier;
    }

    public int Column { get; }
    public LeadInfo Lead { get; }

    public static CsvChannel Stated(string file, int column, string name, string unit, double gain, double baseline)
    {
        var whole = Math.Floor(baseline + 0.5);
        if (whole is < int.MinValue or > int.MaxValue)
            throw new SignalFormatException(file, $"column '{name}' baseline", $"{baseline} is outside the 32-bit sample range");
        var lead = new LeadInfo { Name = name, Unit = unit, Gain = gain, Baseline = (int)whole, BaselineFraction = baseline - whole, AdcResolution = 32 };
        return new CsvChannel(file, column, lead, true, 0);
    }

    /// <summary>A channel whose gain keeps <paramref name="scale"/> decimals; <paramref name="note"/> is set when it had to keep fewer.</summary>
    public static CsvChannel Exact(string file, int column, string name, string unit, int scale, decimal maxMagnitude, out string? note)
    {
        note = null;
        var kept = scale;
        while (kept > 0 && maxMagnitude > int.MaxValue / DecimalMath.Pow10(kept)) kept--;
        if (maxMagnitude > int.MaxValue)
            throw new SignalFormatException(file, $"column '{name}'", $"values up to {maxMagnitude} exceed 32-bit samples; state a gain (# gain=...) to scale them");
        if (kept < scale) note = $"column '{name}' rounded from {scale} to {kept} decimals to fit 32-bit samples";
        var lead = new LeadInfo { Name = name, Unit = unit, Gain = (double)DecimalMath.Pow10(kept), AdcResolution = 32 };
        return new CsvChannel(file, column, lead, false, DecimalMath.Pow10(kept));
    }

    public int ToDigital(decimal value, long line)
    {
        if (!_explicit)
        {
            var scaled = decimal.Round(value * _multiplier, MidpointRounding.AwayFromZero);
            return scaled is >= int.MinValue and <= int.MaxValue
                ? (int)scaled
                : throw new SignalFormatException(_file, $"line {line} column '{Lead.Name}'", $"{value} exceeds the 32-bit sample range");
        }
        var exact = (double)value * Lead.Gain + Lead.Baseline + Lead.BaselineFraction;
        var digital = Math.Round(exact);
        if (digital is < int.MinValue or > int.MaxValue)
            throw new SignalFormatException(_file, $"line {line} column '{Lead.Name}'", $"{value} exceeds the 32-bit sample range at gain {Lead.Gain}");
        if (Math.Abs(exact - digital) > GridTolerance * Math.Max(1, Math.Abs(digital)))
            throw new SignalFormatException(_file, $"line {line} column '{Lead.Name}'",
                $"{value} is not a whole number of steps at the stated gain {Lead.Gain} and baseline; fix the value or drop the gain/baseline lines");
        return (int)digital;
    }
}
