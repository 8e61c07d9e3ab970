using System.Buffers.Binary;
using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Dicom;

/// <summary>A parsed Part 10 file: its File Meta Information, its data set and the transfer syntax of the data set.</summary>
internal sealed record DicomFile(DicomDataset Meta, DicomDataset Data, bool ExplicitVr, string TransferSyntax);

/// <summary>
/// Parses a DICOM Part 10 file in explicit or implicit VR little endian: preamble, "DICM", the File Meta group, then
/// the data set with sequences of defined or undefined length. Values up to <see cref="MaxInMemoryValue"/> bytes are
/// read; larger ones (the waveform data) are only located. Every length is checked against what remains of the
/// enclosing item and of the file before it is used, and nesting and element counts are bounded.
/// </summary>
internal sealed class DicomParser
{
    public const int MaxInMemoryValue = 1 << 20;
    private const uint Undefined = 0xFFFFFFFF;
    private const int MaxDepth = 16;
    private const int MaxElements = 5_000_000;
    private static readonly string[] KnownVrs =
        ["US", "UL", "CS", "DS", "SH", "LO", "UI", "SQ", "OW", "OB", "ST", "LT", "UT", "IS", "DA", "TM", "DT", "PN", "AS", "UN", "SS", "SL", "FD", "FL", "AT"];
    private static readonly HashSet<string> LongVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"];

    private readonly Stream _stream;
    private readonly string _path;
    private readonly long _length;
    private readonly DicomText _text = new();
    private readonly byte[] _buffer = new byte[8];
    private bool _explicitVr = true;
    private int _elements;

    private DicomParser(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
        _length = stream.Length;
    }

    private long Position => _stream.Position;

    public static DicomFile Parse(Stream stream, string path)
    {
        var parser = new DicomParser(stream, path);
        return parser.ParseFile();
    }

    private DicomFile ParseFile()
    {
        if (_length < 132) throw Error("preamble", $"the file has {_length} bytes, fewer than the 132 of a DICOM preamble and 'DICM' prefix");
        _stream.Position = 128;
        var magic = new byte[4];
        ReadExactly(magic, "prefix");
        if (!magic.AsSpan().SequenceEqual("DICM"u8)) throw Error("prefix", "bytes 128-131 are not 'DICM': not a DICOM Part 10 file");
        var meta = ReadElements(_length, 0, "File Meta Information", untilItemDelimiter: false, metaOnly: true);
        var syntax = meta.Required(DicomTags.TransferSyntax);
        _explicitVr = syntax switch
        {
            DicomTags.ExplicitLittleEndian => true,
            DicomTags.ImplicitLittleEndian => false,
            _ => throw meta.Error(DicomTags.TransferSyntax,
                $"transfer syntax {syntax} is not supported; waveforms are read in implicit ({DicomTags.ImplicitLittleEndian}) or explicit ({DicomTags.ExplicitLittleEndian}) VR little endian"),
        };
        var data = ReadElements(_length, 0, "", untilItemDelimiter: false, metaOnly: false);
        return new DicomFile(meta, data, _explicitVr, syntax);
    }

    private DicomDataset ReadElements(long end, int depth, string where, bool untilItemDelimiter, bool metaOnly)
    {
        var elements = new List<DicomElement>();
        var dataset = new DicomDataset(_path, where, elements, _text);
        while (true)
        {
            if (Position >= end)
            {
                if (untilItemDelimiter) throw Error(where, "the file ends before the item's delimitation");
                return dataset;
            }
            var start = Position;
            if (end - start < 8) throw Error(where, $"{end - start} bytes left where an element header belongs");
            ReadExactly(_buffer.AsSpan(0, 4), where);
            var tag = (uint)BinaryPrimitives.ReadUInt16LittleEndian(_buffer) << 16 | BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(2));
            if (metaOnly && tag >> 16 != 2)
            {
                _stream.Position = start;
                return dataset;
            }
            // Formatted only for an error: most files have tens of thousands of elements.
            string Field() => dataset.Field(tag);
            if (tag == DicomTags.ItemDelimitation)
            {
                if (!untilItemDelimiter) throw Error(Field(), "an item delimitation outside an item of undefined length");
                if (ReadUInt32(Field) != 0) throw Error(Field(), "an item delimitation must have length 0");
                return dataset;
            }
            if (tag is DicomTags.Item or DicomTags.SequenceDelimitation) throw Error(Field(), "an item tag outside a sequence");
            if (++_elements > MaxElements)
                throw new SignalFormatException(_path, Field(), $"more than {MaxElements:N0} data elements") { Problem = SignalProblem.TooLarge };
            var explicitVr = _explicitVr || metaOnly;
            var (vr, length) = explicitVr ? ExplicitHeader(Field) : (DicomTags.Sequences.Contains(tag) ? "SQ" : "", ReadUInt32(Field));
            if (vr == "SQ" || length == Undefined)
            {
                if (length == Undefined && vr is not ("SQ" or "UN" or ""))
                    throw Error(Field(), $"undefined length on a {vr} element; only sequences may have one here");
                if (metaOnly) throw Error(Field(), "a sequence in the File Meta Information");
                var items = ReadSequence(tag, length, end, depth + 1, Field());
                elements.Add(new DicomElement(tag, "SQ", start, Position - start, null, items));
                continue;
            }
            if (length > end - Position)
                throw Error(Field(), $"claims {length:N0} bytes but only {end - Position:N0} remain{(depth > 0 ? " in its item" : " in the file")}");
            byte[]? value = null;
            if (length <= MaxInMemoryValue)
            {
                value = new byte[length];
                ReadExactly(value, Field);
            }
            var offset = Position - (value?.Length ?? 0);
            if (value is null) _stream.Position += length;
            if (tag == DicomTags.SpecificCharacterSet && depth == 0 && value is not null) _text.Apply(value);
            elements.Add(new DicomElement(tag, vr, offset, length, value, null));
        }
    }

    private List<DicomDataset> ReadSequence(uint tag, uint length, long parentEnd, int depth, string field)
    {
        if (depth > MaxDepth) throw Error(field, $"sequences nested more than {MaxDepth} deep");
        if (length != Undefined && length > parentEnd - Position)
            throw Error(field, $"claims {length:N0} bytes but only {parentEnd - Position:N0} remain");
        var end = length == Undefined ? parentEnd : Position + length;
        var items = new List<DicomDataset>();
        while (true)
        {
            if (length != Undefined && Position == end) return items;
            if (end - Position < 8) throw Error(field, length == Undefined ? "the file ends before the sequence's delimitation" : "the sequence ends inside an item header");
            ReadExactly(_buffer.AsSpan(0, 4), field);
            var itemTag = (uint)BinaryPrimitives.ReadUInt16LittleEndian(_buffer) << 16 | BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(2));
            var itemLength = ReadUInt32(field);
            if (itemTag == DicomTags.SequenceDelimitation)
            {
                if (length != Undefined) throw Error(field, "a sequence delimitation in a sequence of defined length");
                if (itemLength != 0) throw Error(field, "a sequence delimitation must have length 0");
                return items;
            }
            if (itemTag != DicomTags.Item) throw Error(field, $"{DicomTags.Format(itemTag)} where an item belongs");
            if (++_elements > MaxElements)
                throw new SignalFormatException(_path, field, $"more than {MaxElements:N0} data elements") { Problem = SignalProblem.TooLarge };
            var where = $"{field} item {items.Count + 1}";
            if (itemLength == Undefined)
                items.Add(ReadElements(end, depth, where, untilItemDelimiter: true, metaOnly: false));
            else
            {
                if (itemLength > end - Position) throw Error(where, $"claims {itemLength:N0} bytes but only {end - Position:N0} remain");
                var itemEnd = Position + itemLength;
                items.Add(ReadElements(itemEnd, depth, where, untilItemDelimiter: false, metaOnly: false));
            }
        }
    }

    private (string Vr, uint Length) ExplicitHeader(Func<string> field)
    {
        ReadExactly(_buffer.AsSpan(0, 4), field);
        if (!char.IsAsciiLetterUpper((char)_buffer[0]) || !char.IsAsciiLetterUpper((char)_buffer[1]))
            throw Error(field(), $"value representation '{Printable(_buffer.AsSpan(0, 2))}' is not two capital letters");
        var vr = Vr(_buffer[0], _buffer[1]);
        if (!LongVrs.Contains(vr)) return (vr, BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(2)));
        return (vr, ReadUInt32(field));
    }

    private uint ReadUInt32(string field) => ReadUInt32(() => field);

    private uint ReadUInt32(Func<string> field)
    {
        ReadExactly(_buffer.AsSpan(4, 4), field);
        return BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(4));
    }

    private void ReadExactly(Span<byte> buffer, string field) => ReadExactly(buffer, () => field);

    private void ReadExactly(Span<byte> buffer, Func<string> field)
    {
        if (_stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            throw new SignalFormatException(_path, field(), "the file ends early") { Problem = SignalProblem.MissingData };
    }

    /// <summary>The VR's two letters as a string, without allocating for the common ones.</summary>
    private static string Vr(byte a, byte b)
    {
        foreach (var known in KnownVrs)
            if (known[0] == a && known[1] == b) return known;
        return Encoding.ASCII.GetString([a, b]);
    }

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        new(bytes.ToArray().Select(b => b is >= 0x20 and < 0x7F ? (char)b : '?').ToArray());

    private SignalFormatException Error(string field, string reason) => new(_path, field.Length > 0 ? field : "data set", reason);
}
