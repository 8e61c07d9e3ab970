using System.Globalization;
using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// A time-stamped annotation list of an "EDF Annotations" signal: <c>+onset[\x15duration]\x14text\x14...\x14\0</c>,
/// onset and duration in seconds, texts in UTF-8.
/// </summary>
internal sealed record EdfTal(decimal Onset, decimal? Duration, IReadOnlyList<string> Texts)
{
    private const byte DurationMark = 0x15, TextEnd = 0x14, TalEnd = 0;

    /// <summary>All TALs in the annotation bytes of one data record (unused bytes at the end are zero).</summary>
    public static List<EdfTal> ParseAll(ReadOnlySpan<byte> bytes, string file, string field)
    {
        var tals = new List<EdfTal>();
        var pos = 0;
        while (pos < bytes.Length && bytes[pos] != TalEnd)
            tals.Add(Parse(bytes, ref pos, file, field));
        return tals;
    }

    private static EdfTal Parse(ReadOnlySpan<byte> bytes, ref int pos, string file, string field)
    {
        var onset = Number(bytes, ref pos, signed: true, file, field, "onset");
        decimal? duration = null;
        if (pos < bytes.Length && bytes[pos] == DurationMark)
        {
            pos++;
            duration = Number(bytes, ref pos, signed: false, file, field, "duration");
        }
        if (pos >= bytes.Length || bytes[pos] != TextEnd)
            throw new SignalFormatException(file, field, $"byte {pos}: the onset {onset} is not followed by the 0x14 separator");
        pos++;
        var texts = new List<string>();
        while (true)
        {
            if (pos >= bytes.Length)
                throw new SignalFormatException(file, field, $"the annotation list at onset {onset} is not terminated by a zero byte");
            if (bytes[pos] == TalEnd) { pos++; break; }
            var end = bytes[pos..].IndexOf(TextEnd);
            var zero = bytes[pos..].IndexOf(TalEnd);
            if (end < 0 || (zero >= 0 && zero < end))
                throw new SignalFormatException(file, field, $"an annotation text at onset {onset} is not closed by 0x14");
            texts.Add(Encoding.UTF8.GetString(bytes.Slice(pos, end)));
            pos += end + 1;
        }
        return new EdfTal(onset, duration, texts);
    }

    private static decimal Number(ReadOnlySpan<byte> bytes, ref int pos, bool signed, string file, string field, string what)
    {
        var start = pos;
        if (signed)
        {
            if (pos >= bytes.Length || bytes[pos] is not ((byte)'+' or (byte)'-'))
                throw new SignalFormatException(file, field, $"byte {pos}: an {what} must start with '+' or '-'");
            pos++;
        }
        var digits = 0;
        var dot = false;
        while (pos < bytes.Length && (bytes[pos] is >= (byte)'0' and <= (byte)'9' || (bytes[pos] == '.' && !dot)))
        {
            if (bytes[pos] == '.') dot = true; else digits++;
            pos++;
        }
        var text = Encoding.ASCII.GetString(bytes[start..pos]);
        if (digits == 0 || digits > 24
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new SignalFormatException(file, field, $"byte {start}: '{text}' is not a valid {what}");
        return value;
    }

    /// <summary>The bytes of this TAL; separators and zeros inside texts become spaces.</summary>
    public byte[] Encode()
    {
        var sb = new StringBuilder();
        sb.Append(Onset < 0 ? "-" : "+").Append(Format(Math.Abs(Onset)));
        if (Duration is { } d) sb.Append((char)DurationMark).Append(Format(d));
        sb.Append((char)TextEnd);
        foreach (var text in Texts)
            sb.Append(text.Replace((char)TextEnd, ' ').Replace((char)DurationMark, ' ').Replace('\0', ' ')).Append((char)TextEnd);
        sb.Append('\0');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A decimal without exponent or trailing zeros ("1.5", "12").</summary>
    public static string Format(decimal value)
    {
        var s = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }
}
