using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>
/// The sampling rate and units of a CSV, from the file or from the user's options; never guessed. A file that states
/// neither is refused with a message saying exactly how to give them.
/// </summary>
internal static class CsvStatements
{
    private const string HowToRate =
        "add a first line '# sampling_rate=360; unit=mV' (or a time column 'time [s]'), or pass the rate with --fs 360";
    private const string HowToUnit =
        "add a first line '# sampling_rate=360; unit=mV', put the unit in the column names ('MLII [mV],V5 [mV]'), or pass --unit mV";

    /// <summary>The stated rate, or null when only a time column can tell it.</summary>
    public static double? SamplingFrequency(CsvLayout layout, FormatOptions? options, string file)
    {
        var given = options?.SamplingFrequency;
        if (given is { } g && (!double.IsFinite(g) || g <= 0))
            throw new SignalFormatException(file, "sampling rate", $"--fs {g} is not a positive rate in Hz");
        if (layout.SamplingFrequency is { } stated && given is { } option && Math.Abs(stated - option) > 1e-9 * stated)
            throw new SignalFormatException(file, "sampling rate", $"the file says {stated} Hz but --fs says {option} Hz");
        var rate = layout.SamplingFrequency ?? given;
        if (rate is null && layout.TimeColumn < 0)
            throw new SignalFormatException(file, "sampling rate", $"the file does not state its sampling rate: {HowToRate}");
        return rate;
    }

    /// <summary>The unit of each signal column.</summary>
    public static string[] Units(CsvLayout layout, FormatOptions? options, string file)
    {
        var given = options?.Unit is { Length: > 0 } u ? PhysicalUnits.Normalise(u) : null;
        return layout.SignalColumns.Select(i =>
        {
            var column = layout.Columns[i];
            var stated = column.Unit ?? layout.Unit;
            if (stated is not null && given is not null && stated != given)
                throw new SignalFormatException(file, $"column '{column.Name}' unit", $"the file says {stated} but --unit says {given}");
            return stated ?? given ?? throw new SignalFormatException(file, $"column '{column.Name}' unit", $"the file does not state the unit: {HowToUnit}");
        }).ToArray();
    }

    /// <summary>
    /// (rows - 1) / time span, taken as the nearest whole rate when that is within the time column's rounding.
    /// </summary>
    public static double RateFromTime(CsvLayout layout, CsvIndex index, string file)
    {
        var column = layout.TimeColumn;
        var span = (double)(index.LastTime - index.FirstTime);
        if (index.Rows < 2 || span <= 0)
            throw new SignalFormatException(file, $"column '{layout.Columns[column].Name}'",
                $"{index.Rows} row(s) cannot give a sampling rate: {HowToRate}");
        var rate = (index.Rows - 1) / span;
        var resolution = Math.Pow(10, -index.Scales[column]) * (double)layout.Columns[column].TimeUnitSeconds;
        var whole = Math.Round(rate);
        return whole > 0 && Math.Abs(whole - rate) <= rate * resolution / span + 1e-9 ? whole : rate;
    }
}
