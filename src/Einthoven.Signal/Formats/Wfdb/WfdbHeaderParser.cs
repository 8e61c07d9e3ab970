using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Parses the text of a WFDB header. Missing optional fields take the WFDB library's defaults; malformed ones are
/// reported as <see cref="SignalFormatException"/> naming the header file and the field.
/// </summary>
internal static class WfdbHeaderParser
{
    /// <summary>More signals or segments than any real record has; larger counts are corrupt headers.</summary>
    public const int MaxSignals = 100_000;
    public const int MaxSegments = 1_000_000;
    public const int MaxSamplesPerFrame = 1 << 16;

    private static readonly char[] Separators = [' ', '\t'];

    public static WfdbHeader Parse(string text, string file)
    {
        var comments = new List<string>();
        var lines = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.TrimStart(' ', '\t');
            if (trimmed.StartsWith('#')) comments.Add(CommentText(trimmed));
            else if (trimmed.Length > 0) lines.Add(line);
        }
        if (lines.Count == 0) throw new SignalFormatException(file, "record line", "the header has no record line");

        var (header, signalCount, segmentCount) = ParseRecordLine(lines[0], file);
        if (segmentCount is { } n)
            return header with { SignalCount = signalCount, Segments = ParseSegments(lines, n, file), Comments = comments };
        if (lines.Count - 1 < signalCount)
            throw new SignalFormatException(file, "signal lines",
                $"the record line announces {signalCount} signals but only {lines.Count - 1} signal lines follow");
        var signals = new WfdbSignalSpec[signalCount];
        for (var i = 0; i < signals.Length; i++)
            signals[i] = ParseSignalLine(lines[i + 1], i, header.RecordName, file);
        CheckGroups(signals, file);
        return header with { SignalCount = signalCount, Signals = signals, Comments = comments };
    }

    private static string CommentText(string line)
    {
        var body = line[1..];
        return body.StartsWith(' ') ? body[1..] : body;
    }

    private static (WfdbHeader Header, int SignalCount, int? SegmentCount) ParseRecordLine(string line, string file)
    {
        var tokens = line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        var nameField = tokens[0];
        int? segmentCount = null;
        var slash = nameField.IndexOf('/');
        if (slash >= 0)
        {
            segmentCount = ParseInt(nameField[(slash + 1)..], file, "number of segments");
            if (segmentCount is < 1 or > MaxSegments)
                throw new SignalFormatException(file, "number of segments", $"{segmentCount} is outside 1..{MaxSegments}");
            nameField = nameField[..slash];
        }
        if (nameField.Length == 0) throw new SignalFormatException(file, "record name", "empty");
        if (tokens.Length < 2)
            throw new SignalFormatException(file, "number of signals", "missing (old-style headers without it are not supported)");
        var signalCount = ParseInt(tokens[1], file, "number of signals");
        if (signalCount is < 0 or > MaxSignals)
            throw new SignalFormatException(file, "number of signals", $"{signalCount} is outside 0..{MaxSignals}");

        var header = new WfdbHeader { RecordName = nameField };
        if (tokens.Length > 2) header = ParseFrequencies(tokens[2], header, file);
        if (tokens.Length > 3)
        {
            var length = ParseLong(tokens[3], file, "length");
            if (length < 0) throw new SignalFormatException(file, "length", $"{length} is negative");
            header = header with { SampleCount = length };
        }
        if (tokens.Length > 4) header = ParseBaseTime(tokens[4..], header, file);
        return (header, signalCount, segmentCount);
    }

    private static WfdbHeader ParseFrequencies(string field, WfdbHeader header, string file)
    {
        string fs = field, counter = "", baseCounter = "";
        var slash = field.IndexOf('/');
        if (slash >= 0)
        {
            fs = field[..slash];
            counter = field[(slash + 1)..];
            var open = counter.IndexOf('(');
            if (open >= 0)
            {
                if (!counter.EndsWith(')')) throw new SignalFormatException(file, "base counter", $"'{counter}' lacks a closing parenthesis");
                baseCounter = counter[(open + 1)..^1];
                counter = counter[..open];
            }
        }
        var frequency = ParsePositive(fs, file, "sampling frequency");
        var result = header with { SamplingFrequency = frequency };
        if (counter.Length > 0)
        {
            var cf = ParsePositive(counter, file, "counter frequency");
            result = result with { CounterFrequency = cf };
        }
        if (baseCounter.Length > 0) result = result with { BaseCounter = ParseDouble(baseCounter, file, "base counter") };
        return result;
    }

    private static WfdbHeader ParseBaseTime(string[] tokens, WfdbHeader header, string file)
    {
        var result = header;
        foreach (var token in tokens)
        {
            var t = token.Trim('[', ']');
            if (t.Contains(':') && result.BaseTime is null) result = result with { BaseTime = ParseTime(t, file) };
            else if (t.Contains('/') && result.BaseDate is null) result = result with { BaseDate = ParseDate(t, file) };
            else throw new SignalFormatException(file, "base time", $"unexpected '{token}' after the length (expected HH:MM:SS and DD/MM/YYYY)");
        }
        return result;
    }

    private static TimeOnly ParseTime(string text, string file)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3) throw new SignalFormatException(file, "base time", $"'{text}' is not HH:MM:SS");
        var hours = parts.Length == 3 ? ParseInt(parts[0], file, "base time") : 0;
        var minutes = ParseInt(parts[^2], file, "base time");
        var seconds = ParseDouble(parts[^1], file, "base time");
        if (hours is < 0 or > 23 || minutes is < 0 or > 59 || seconds is < 0 or >= 60)
            throw new SignalFormatException(file, "base time", $"'{text}' is not a time of day");
        return new TimeOnly(hours, minutes).Add(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));
    }

    private static DateOnly ParseDate(string text, string file)
    {
        var parts = text.Split('/');
        if (parts.Length != 3) throw new SignalFormatException(file, "base date", $"'{text}' is not DD/MM/YYYY");
        int day = ParseInt(parts[0], file, "base date"), month = ParseInt(parts[1], file, "base date"), year = ParseInt(parts[2], file, "base date");
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            throw new SignalFormatException(file, "base date", $"'{text}' is not a calendar date");
        return new DateOnly(year, month, day);
    }

    private static WfdbSegment[] ParseSegments(List<string> lines, int count, string file)
    {
        if (lines.Count - 1 < count)
            throw new SignalFormatException(file, "segments", $"the record line announces {count} segments but only {lines.Count - 1} segment lines follow");
        var segments = new WfdbSegment[count];
        for (var i = 0; i < count; i++)
        {
            var tokens = lines[i + 1].Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            var field = $"segment {i}";
            if (tokens.Length < 2) throw new SignalFormatException(file, field, "needs a name and a length");
            if (!WfdbNames.IsValidRecordName(tokens[0]) && tokens[0] != WfdbSegment.GapName)
                throw new SignalFormatException(file, field, $"'{tokens[0]}' is not a valid segment name");
            var length = ParseLong(tokens[1], file, field + " length");
            if (length < 0) throw new SignalFormatException(file, field + " length", $"{length} is negative");
            segments[i] = new WfdbSegment(tokens[0], length);
        }
        return segments;
    }

    private static WfdbSignalSpec ParseSignalLine(string line, int index, string recordName, string file)
    {
        var tokens = new LineTokens(line);
        var prefix = $"signal {index} ";
        var fileName = tokens.Next() ?? throw new SignalFormatException(file, prefix + "file", "missing");
        if (fileName != WfdbSegment.GapName && !WfdbNames.IsValidFileName(fileName))
            throw new SignalFormatException(file, prefix + "file", $"'{fileName}' is not a plain file name");
        var formatField = tokens.Next() ?? throw new SignalFormatException(file, prefix + "format", "missing");
        var spec = ParseFormatField(formatField, file, prefix, fileName);

        var gainField = tokens.Next();
        var gain = 0.0;
        int? baseline = null;
        var units = WfdbDefaults.Units;
        if (gainField is not null) (gain, baseline, units) = ParseGainField(gainField, file, prefix);

        var format = WfdbStorageFormat.Get(spec.Format);
        var resolution = tokens.Next() is { } r ? ParseInt(r, file, prefix + "ADC resolution") : format.DefaultResolution;
        if (resolution is < 0 or > 32) throw new SignalFormatException(file, prefix + "ADC resolution", $"{resolution} bits is outside 0..32");
        var adcZero = tokens.Next() is { } z ? ParseInt(z, file, prefix + "ADC zero") : 0;
        var initial = tokens.Next() is { } v ? ParseInt(v, file, prefix + "initial value") : adcZero;
        int? checksum = tokens.Next() is { } c ? ParseInt(c, file, prefix + "checksum") : null;
        var blockSize = tokens.Next() is { } b ? ParseInt(b, file, prefix + "block size") : 0;
        var description = tokens.Rest() is { Length: > 0 } d ? d : $"record {recordName}, signal {index}";

        return spec with
        {
            Gain = gain,
            Baseline = baseline ?? adcZero,
            Units = units,
            AdcResolution = resolution == 0 ? format.DefaultResolution : resolution,
            AdcZero = adcZero,
            InitialValue = initial,
            Checksum = checksum,
            BlockSize = blockSize,
            Description = description,
        };
    }

    private static WfdbSignalSpec ParseFormatField(string field, string file, string prefix, string fileName)
    {
        var end = 0;
        while (end < field.Length && char.IsAsciiDigit(field[end])) end++;
        var code = ParseInt(field[..end], file, prefix + "format");
        if (!WfdbStorageFormat.TryGet(code, out _))
            throw new SignalFormatException(file, prefix + "format", $"format {code} is not supported (known: 0, {string.Join(", ", WfdbStorageFormat.Codes)})");
        int spf = 1, skew = 0;
        long offset = 0;
        var rest = field[end..];
        while (rest.Length > 0)
        {
            var marker = rest[0];
            var next = 1;
            while (next < rest.Length && rest[next] is not ('x' or ':' or '+')) next++;
            var value = rest[1..next];
            switch (marker)
            {
                case 'x':
                    spf = ParseInt(value, file, prefix + "samples per frame");
                    if (spf is < 1 or > MaxSamplesPerFrame)
                        throw new SignalFormatException(file, prefix + "samples per frame", $"{spf} is outside 1..{MaxSamplesPerFrame}");
                    break;
                case ':':
                    skew = ParseInt(value, file, prefix + "skew");
                    if (skew < 0) throw new SignalFormatException(file, prefix + "skew", $"{skew} is negative");
                    break;
                case '+':
                    offset = ParseLong(value, file, prefix + "byte offset");
                    if (offset < 0) throw new SignalFormatException(file, prefix + "byte offset", $"{offset} is negative");
                    break;
                default:
                    throw new SignalFormatException(file, prefix + "format", $"unexpected '{rest}' in '{field}'");
            }
            rest = rest[next..];
        }
        return new WfdbSignalSpec { FileName = fileName, Format = code, SamplesPerFrame = spf, Skew = skew, ByteOffset = offset, Description = "" };
    }

    private static (double Gain, int? Baseline, string Units) ParseGainField(string field, string file, string prefix)
    {
        var units = WfdbDefaults.Units;
        var slash = field.IndexOf('/');
        if (slash >= 0)
        {
            if (slash + 1 < field.Length) units = field[(slash + 1)..];
            field = field[..slash];
        }
        int? baseline = null;
        var open = field.IndexOf('(');
        if (open >= 0)
        {
            if (!field.EndsWith(')')) throw new SignalFormatException(file, prefix + "baseline", $"'{field}' lacks a closing parenthesis");
            baseline = ParseInt(field[(open + 1)..^1], file, prefix + "baseline");
            field = field[..open];
        }
        var gain = ParseDouble(field, file, prefix + "gain");
        return (gain, baseline, units);
    }

    private static void CheckGroups(WfdbSignalSpec[] signals, string file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < signals.Length; i++)
        {
            var sameAsPrevious = i > 0 && signals[i].FileName == signals[i - 1].FileName;
            if (sameAsPrevious)
            {
                if (signals[i].Format != signals[i - 1].Format)
                    throw new SignalFormatException(file, $"signal {i} format",
                        $"format {signals[i].Format} differs from format {signals[i - 1].Format} of signal {i - 1} in the same file");
                if (signals[i].ByteOffset != signals[i - 1].ByteOffset)
                    throw new SignalFormatException(file, $"signal {i} byte offset", $"differs from signal {i - 1} in the same file");
                continue;
            }
            if (!signals[i].IsNull && !seen.Add(signals[i].FileName))
                throw new SignalFormatException(file, $"signal {i} file", $"'{signals[i].FileName}' is used by signals that are not listed together");
        }
    }

    private static int ParseInt(string text, string file, string field) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new SignalFormatException(file, field, $"'{text}' is not an integer");

    private static long ParseLong(string text, string file, string field) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new SignalFormatException(file, field, $"'{text}' is not an integer");

    private static double ParseDouble(string text, string file, string field) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new SignalFormatException(file, field, $"'{text}' is not a number");

    private static double ParsePositive(string text, string file, string field)
    {
        var v = ParseDouble(text, file, field);
        return v > 0 ? v : throw new SignalFormatException(file, field, $"{text} is not positive");
    }

    /// <summary>Whitespace-separated fields of a line, with access to the remainder (the free-text description).</summary>
    private ref struct LineTokens(string line)
    {
        private int _position;

        public string? Next()
        {
            SkipBlanks();
            if (_position >= line.Length) return null;
            var start = _position;
            while (_position < line.Length && line[_position] is not (' ' or '\t')) _position++;
            return line[start.._position];
        }

        public string Rest()
        {
            SkipBlanks();
            return line[_position..].TrimEnd();
        }

        private void SkipBlanks()
        {
            while (_position < line.Length && line[_position] is ' ' or '\t') _position++;
        }
    }
}
