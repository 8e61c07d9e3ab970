using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>Splits data rows into cells and parses their numbers straight from the UTF-8 bytes.</summary>
internal static class CsvCells
{
    /// <summary>Splits <paramref name="line"/> into at most <paramref name="cells"/>.Length cells; returns how many it has.</summary>
    public static int Split(ReadOnlySpan<byte> line, byte delimiter, Span<Range> cells)
    {
        if (delimiter == 0)
        {
            if (cells.Length > 0) cells[0] = new Range(0, line.Length);
            return 1;
        }
        var count = 0;
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] != delimiter) continue;
            if (count < cells.Length) cells[count] = new Range(start, i);
            count++;
            start = i + 1;
        }
        return count;
    }

    /// <summary>Parses one cell as a decimal; trims spaces and quotes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> cell, bool decimalComma, out decimal value)
    {
        cell = cell.Trim((byte)' ').Trim((byte)'"').Trim((byte)' ');
        if (cell.Length is 0 or > 64) { value = 0; return false; }
        if (TryParsePlain(cell, decimalComma, out value)) return true;
        if (decimalComma && cell.IndexOf((byte)',') >= 0)
        {
            Span<byte> copy = stackalloc byte[cell.Length];
            cell.CopyTo(copy);
            copy.Replace((byte)',', (byte)'.');
            return decimal.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
        return decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The common case, digits with an optional sign and separator, without the general parser's cost.</summary>
    private static bool TryParsePlain(ReadOnlySpan<byte> cell, bool decimalComma, out decimal value)
    {
        value = 0;
        var i = cell[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        ulong mantissa = 0;
        int digits = 0, scale = -1;
        for (; i < cell.Length; i++)
        {
            var b = cell[i];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                if (++digits > 18) return false;
                mantissa = mantissa * 10 + (ulong)(b - '0');
                if (scale >= 0) scale++;
            }
            else if (scale < 0 && (b == '.' || (decimalComma && b == ','))) scale = 0;
            else return false;
        }
        if (digits == 0) return false;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, cell[0] == '-', (byte)Math.Max(scale, 0));
        return true;
    }

    public static decimal Parse(ReadOnlySpan<byte> cell, bool decimalComma, string file, long line, string column) =>
        TryParse(cell, decimalComma, out var value)
            ? value
            : throw new SignalFormatException(file, $"line {line} column '{column}'", $"'{Text(cell)}' is not a number");

    public static string Text(ReadOnlySpan<byte> bytes) =>
        System.Text.Encoding.UTF8.GetString(bytes.Length > 40 ? bytes[..40] : bytes) + (bytes.Length > 40 ? "..." : "");
}
