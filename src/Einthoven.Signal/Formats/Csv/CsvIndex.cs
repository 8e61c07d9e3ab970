using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>
/// One pass over the data rows on open: counts them, keeps the byte offset of every <see cref="Stride"/>th row so
/// that a window can seek close to its start, validates every number, finds the decimals each column needs and,
/// given a rate, checks the time column against it.
/// </summary>
internal sealed class CsvIndex
{
    public const int Stride = 1024;

    private readonly List<(long Offset, long Line)> _checkpoints = [];

    private CsvIndex(int columns)
    {
        Scales = new int[columns];
        MaxMagnitudes = new decimal[columns];
    }

    public long Rows { get; private set; }
    /// <summary>Most decimals any value of each column has.</summary>
    public int[] Scales { get; }
    /// <summary>Largest absolute value of each column.</summary>
    public decimal[] MaxMagnitudes { get; }
    public decimal FirstTime { get; private set; }
    public decimal LastTime { get; private set; }

    /// <summary>The checkpoint at or before <paramref name="row"/>: its first row, byte offset and line number.</summary>
    public (long Row, long Offset, long Line) Checkpoint(long row)
    {
        var k = (int)Math.Min(row / Stride, _checkpoints.Count - 1);
        return ((long)k * Stride, _checkpoints[k].Offset, _checkpoints[k].Line);
    }

    public static CsvIndex Build(Stream stream, CsvLayout layout, string file, double? samplingFrequency)
    {
        var index = new CsvIndex(layout.Columns.Count);
        var time = layout.TimeColumn;
        var timeUnit = time >= 0 ? layout.Columns[time].TimeUnitSeconds : 1;
        var lines = new CsvLines(stream, file, layout.DataOffset, layout.DataLine);
        index._checkpoints.Add((layout.DataOffset, layout.DataLine));
        var handler = new CsvRows.Handler((row, line, text, cells) =>
        {
            for (var c = 0; c < cells.Length; c++)
            {
                var value = CsvCells.Parse(text[cells[c]], layout.DecimalComma, file, line, layout.Columns[c].Name);
                index.Scales[c] = Math.Max(index.Scales[c], value.Scale);
                index.MaxMagnitudes[c] = Math.Max(index.MaxMagnitudes[c], Math.Abs(value));
                if (c != time) continue;
                var seconds = value * timeUnit;
                if (row == 0) index.FirstTime = seconds;
                else if (seconds <= index.LastTime)
                    throw new SignalFormatException(file, $"line {line} column '{layout.Columns[c].Name}'", $"time {value} does not increase");
                index.LastTime = seconds;
                if (samplingFrequency is { } fs) CheckTime(index.FirstTime, seconds, row, fs, value.Scale, timeUnit, file, line, layout.Columns[c].Name);
            }
        });
        while (true)
        {
            var rows = CsvRows.ForEach(lines, layout, file, index.Rows, Stride, handler);
            index.Rows += rows;
            if (rows < Stride) break;
            index._checkpoints.Add((lines.NextOffset, lines.NextNumber));
        }
        return index;
    }

    /// <summary>Row <paramref name="row"/> must lie within half a sample (plus the time column's rounding) of t0 + row/fs.</summary>
    private static void CheckTime(decimal first, decimal seconds, long row, double fs, int scale, decimal unit, string file, long line, string column)
    {
        var expected = (double)first + row / fs;
        var tolerance = 0.5 / fs + 0.5 * Math.Pow(10, -scale) * (double)unit + 1e-9;
        if (Math.Abs((double)seconds - expected) > tolerance)
            throw new SignalFormatException(file, $"line {line} column '{column}'",
                $"time {seconds} s disagrees with the sampling rate {fs} Hz, which puts this row at {expected:0.######} s");
    }
}
