namespace Einthoven.Signal.Formats.Csv;

/// <summary>One column of a CSV file as its header row describes it.</summary>
/// <param name="TimeUnitSeconds">For the time column, seconds per unit of its values (1 for s, 0.001 for ms).</param>
internal sealed record CsvColumn(string Name, string? Unit, bool IsTime = false, decimal TimeUnitSeconds = 1);

/// <summary>What the top of a CSV file says: columns, delimiter, rate, units, calibration and where the data starts.</summary>
internal sealed record CsvLayout
{
    public required IReadOnlyList<CsvColumn> Columns { get; init; }
    /// <summary>Cell separator; 0 when every line holds a single value (Apple Health).</summary>
    public byte Delimiter { get; init; } = (byte)',';
    /// <summary>Whether values use a decimal comma ("-265,868"), which only single-value or ';'/tab files allow.</summary>
    public bool DecimalComma { get; init; }
    public long DataOffset { get; init; }
    public long DataLine { get; init; } = 1;
    public double? SamplingFrequency { get; init; }
    /// <summary>Unit for signal columns whose header does not give one.</summary>
    public string? Unit { get; init; }
    /// <summary>ADC units per physical unit for each signal column (or one for all), when the file states it.</summary>
    public IReadOnlyList<double>? Gains { get; init; }
    /// <summary>Digital value of physical zero for each signal column (or one for all), when the file states it.</summary>
    public IReadOnlyList<double>? Baselines { get; init; }
    public DateOnly? StartDate { get; init; }
    public TimeOnly? StartTime { get; init; }
    public IReadOnlyList<string> Comments { get; init; } = [];
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public int TimeColumn => Columns.ToList().FindIndex(c => c.IsTime);
    public int[] SignalColumns => Enumerable.Range(0, Columns.Count).Where(i => !Columns[i].IsTime).ToArray();
}
