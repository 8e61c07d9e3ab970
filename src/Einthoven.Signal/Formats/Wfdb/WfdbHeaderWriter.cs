using System.Globalization;
using System.Text;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>Writes a <see cref="WfdbHeader"/> as header text in the layout the WFDB library's setheader uses.</summary>
internal static class WfdbHeaderWriter
{
    public static string Format(WfdbHeader header)
    {
        var text = new StringBuilder();
        text.Append(header.RecordName);
        if (header.Segments is { } segments) text.Append('/').Append(Number(segments.Count));
        text.Append(' ').Append(Number(header.IsMultiSegment ? header.SignalCount : header.Signals.Count));
        text.Append(' ').Append(Number(header.SamplingFrequency));
        if (header.CounterFrequency is { } cf)
        {
            text.Append('/').Append(Number(cf));
            if (header.BaseCounter != 0) text.Append('(').Append(Number(header.BaseCounter)).Append(')');
        }
        text.Append(' ').Append(Number(header.SampleCount));
        if (header.BaseTime is { } time) text.Append(' ').Append(FormatTime(time));
        if (header.BaseDate is { } date)
        {
            if (header.BaseTime is null) text.Append(" 0:00:00");
            text.Append(' ').Append(date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }
        text.Append('\n');

        foreach (var segment in header.Segments ?? [])
            text.Append(segment.Name).Append(' ').Append(Number(segment.Length)).Append('\n');
        foreach (var signal in header.Signals) AppendSignal(text, signal);
        foreach (var comment in header.Comments) text.Append("# ").Append(OneLine(comment)).Append('\n');
        return text.ToString();
    }

    private static void AppendSignal(StringBuilder text, WfdbSignalSpec s)
    {
        text.Append(s.FileName).Append(' ').Append(Number(s.Format));
        if (s.SamplesPerFrame > 1) text.Append('x').Append(Number(s.SamplesPerFrame));
        if (s.Skew != 0) text.Append(':').Append(Number(s.Skew));
        if (s.ByteOffset != 0) text.Append('+').Append(Number(s.ByteOffset));
        text.Append(' ').Append(Number(s.Gain));
        if (s.Baseline != s.AdcZero) text.Append('(').Append(Number(s.Baseline)).Append(')');
        text.Append('/').Append(Token(s.Units));
        text.Append(' ').Append(Number(s.AdcResolution)).Append(' ').Append(Number(s.AdcZero))
            .Append(' ').Append(Number(s.InitialValue))
            .Append(' ').Append(Number(s.Checksum ?? 0)).Append(' ').Append(Number(s.BlockSize));
        var description = OneLine(s.Description).Trim();
        if (description.Length > 0) text.Append(' ').Append(description);
        text.Append('\n');
    }

    private static string FormatTime(TimeOnly time) =>
        time.ToString(time.Millisecond != 0 || time.Microsecond != 0 ? "HH:mm:ss.fff" : "HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');

    private static string Token(string text)
    {
        var cleaned = new string(OneLine(text).Select(c => c is ' ' or '\t' ? '_' : c).ToArray());
        return cleaned.Length == 0 ? WfdbDefaults.Units : cleaned;
    }
}
