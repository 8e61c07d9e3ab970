using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>Walks the data rows of a CSV (blank and '#' lines are skipped), split into as many cells as the header has.</summary>
internal static class CsvRows
{
    public delegate void Handler(long row, long line, ReadOnlySpan<byte> text, ReadOnlySpan<Range> cells);

    /// <summary>Calls <paramref name="handler"/> for up to <paramref name="maxRows"/> rows; returns how many there were.</summary>
    public static long ForEach(CsvLines lines, CsvLayout layout, string file, long firstRow, long maxRows, Handler? handler)
    {
        var columns = layout.Columns.Count;
        Span<Range> cells = stackalloc Range[columns];
        long rows = 0;
        while (rows < maxRows)
        {
            var number = lines.NextNumber;
            if (!lines.TryRead(out var text)) break;
            var trimmed = text.Trim((byte)' ');
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            if (handler is not null)
            {
                var count = CsvCells.Split(text, layout.Delimiter, cells);
                if (count != columns)
                    throw new SignalFormatException(file, $"line {number}", $"has {count} cells; the header has {columns} columns");
                handler(firstRow + rows, number, text, cells);
            }
            rows++;
        }
        return rows;
    }
}
