using System.Globalization;
using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// Parses and validates an EDF header. Every size is checked against the file length before anything is allocated,
/// so absurd header numbers give a <see cref="SignalFormatException"/> instead of an out-of-memory.
/// </summary>
internal static class EdfHeaderReader
{
    public static EdfHeader Read(Stream stream, string file)
    {
        var length = stream.Length;
        var fixedPart = ReadExactly(stream, EdfHeader.FixedBytes, file, "header",
            $"the file is {length} bytes, shorter than the {EdfHeader.FixedBytes}-byte EDF header");
        var f = new FieldCursor(fixedPart, file);
        if (fixedPart[0] == 0xFF)
            throw new SignalFormatException(file, "version", "this is a BDF (24-bit BioSemi) file; only 16-bit EDF and EDF+ are supported");
        var version = f.Text(8);
        if (version != "0")
            throw new SignalFormatException(file, "version", $"'{version}' is not an EDF version (expected '0')");
        var patient = f.Text(80);
        var recording = f.Text(80);
        var startDate = f.Text(8);
        var startTime = f.Text(8);
        var headerBytes = f.Integer(8, "number of bytes in header record");
        var reserved = f.Text(44);
        var recordCount = f.Integer(8, "number of data records");
        var duration = f.Decimal(8, "duration of a data record");
        var signalCount = f.Integer(4, "number of signals");

        var maxSignals = (length - EdfHeader.FixedBytes) / EdfHeader.BytesPerSignal;
        if (signalCount < 1 || signalCount > maxSignals)
            throw new SignalFormatException(file, "number of signals",
                $"{signalCount} signals do not fit: the file ({length} bytes) has room for at most {maxSignals} signal headers");
        if (headerBytes != EdfHeader.FixedBytes + EdfHeader.BytesPerSignal * signalCount)
            throw new SignalFormatException(file, "number of bytes in header record",
                $"{headerBytes} does not match {signalCount} signals (expected {EdfHeader.FixedBytes + EdfHeader.BytesPerSignal * signalCount})");
        if (duration < 0)
            throw new SignalFormatException(file, "duration of a data record", $"{duration} s is negative");

        var ns = (int)signalCount;
        var signalPart = ReadExactly(stream, EdfHeader.BytesPerSignal * ns, file, "signal headers", "the file ends inside the signal headers");
        var signals = ReadSignals(new FieldCursor(signalPart, file), ns, file);
        var header = new EdfHeader
        {
            Version = version, Patient = patient, Recording = recording, StartDate = startDate, StartTime = startTime,
            Reserved = reserved, RecordCount = recordCount, RecordDuration = duration, Signals = signals,
        };
        return header with { RecordCount = CheckRecordCount(header, length, file) };
    }

    private static EdfSignal[] ReadSignals(FieldCursor f, int ns, string file)
    {
        string[] Column(int width) => Enumerable.Range(0, ns).Select(_ => f.Text(width)).ToArray();
        decimal[] Decimals(string name) => Enumerable.Range(0, ns).Select(i => f.Decimal(8, $"signal {i + 1} {name}")).ToArray();
        long[] Integers(string name) => Enumerable.Range(0, ns).Select(i => f.Integer(8, $"signal {i + 1} {name}")).ToArray();

        var labels = Column(16);
        var transducers = Column(80);
        var dimensions = Column(8);
        var pmin = Decimals("physical minimum");
        var pmax = Decimals("physical maximum");
        var dmin = Integers("digital minimum");
        var dmax = Integers("digital maximum");
        var filters = Column(80);
        var spr = Integers("number of samples in each data record");
        var reserved = Column(32);

        var signals = new EdfSignal[ns];
        for (var i = 0; i < ns; i++)
        {
            var name = $"signal {i + 1} '{labels[i]}'";
            if (dmin[i] < short.MinValue || dmax[i] > short.MaxValue)
                throw new SignalFormatException(file, $"{name} digital range", $"[{dmin[i]}, {dmax[i]}] exceeds the 16-bit range of EDF samples");
            if (dmin[i] >= dmax[i])
                throw new SignalFormatException(file, $"{name} digital range", $"digital minimum {dmin[i]} is not below digital maximum {dmax[i]}");
            if (pmin[i] == pmax[i])
                throw new SignalFormatException(file, $"{name} physical range", $"physical minimum and maximum are both {pmin[i]}, so no value can be scaled");
            if (spr[i] < 1 || spr[i] > int.MaxValue / 2)
                throw new SignalFormatException(file, $"{name} number of samples in each data record", $"{spr[i]} is not a positive sample count");
            signals[i] = new EdfSignal
            {
                Label = labels[i], Transducer = transducers[i], Dimension = dimensions[i], PhysicalMin = pmin[i],
                PhysicalMax = pmax[i], DigitalMin = (int)dmin[i], DigitalMax = (int)dmax[i], Prefiltering = filters[i],
                SamplesPerRecord = (int)spr[i], Reserved = reserved[i],
            };
        }
        return signals;
    }

    private static long CheckRecordCount(EdfHeader header, long length, string file)
    {
        var dataBytes = length - header.HeaderBytes;
        var recordBytes = header.RecordBytes;
        if (header.RecordCount == -1)
        {
            // -1 means "still recording": the count follows from the file length.
            if (dataBytes % recordBytes != 0)
                throw new SignalFormatException(file, "number of data records",
                    $"is -1 (unknown) and the {dataBytes} data bytes are not a whole number of {recordBytes}-byte data records");
            return dataBytes / recordBytes;
        }
        if (header.RecordCount < 0)
            throw new SignalFormatException(file, "number of data records", $"{header.RecordCount} is negative");
        var reason = $"{header.RecordCount} records of {recordBytes} bytes need {(decimal)header.RecordCount * recordBytes} data bytes, the file has {dataBytes}";
        // A header that claims more records than the file holds announces samples that are not there.
        if (header.RecordCount > dataBytes / recordBytes)
            throw new SignalFormatException(file, "number of data records", reason) { Problem = SignalProblem.MissingData };
        if (header.RecordCount * recordBytes != dataBytes) throw new SignalFormatException(file, "number of data records", reason);
        return header.RecordCount;
    }

    private static byte[] ReadExactly(Stream stream, int count, string file, string field, string reason)
    {
        var buffer = new byte[count];
        if (stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false) < count)
            throw new SignalFormatException(file, field, reason);
        return buffer;
    }

    /// <summary>Reads consecutive fixed-width ASCII fields.</summary>
    private sealed class FieldCursor(byte[] bytes, string file)
    {
        private int _position;

        public string Text(int width)
        {
            var text = Encoding.Latin1.GetString(bytes, _position, width);
            _position += width;
            return text.TrimEnd(' ', '\0');
        }

        public long Integer(int width, string field)
        {
            var text = Text(width).Trim();
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
            // Some writers put "-32768.0"; an integral decimal is accepted.
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d)
                && d is >= long.MinValue and <= long.MaxValue)
                return (long)d;
            throw new SignalFormatException(file, field, $"'{text}' is not an integer");
        }

        public decimal Decimal(int width, string field)
        {
            var text = Text(width).Trim();
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new SignalFormatException(file, field, $"'{text}' is not a number");
        }
    }
}
