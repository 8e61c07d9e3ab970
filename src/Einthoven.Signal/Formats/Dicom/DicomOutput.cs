using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Einthoven.Signal.Formats.Dicom;

/// <summary>
/// Encodes data elements in explicit VR little endian. Strings are UTF-8 (the writer declares ISO_IR 192), padded to
/// even length (UIDs with NUL, other strings with a space) and cut to the length their VR allows. Small sequences are
/// written with defined lengths; a caller streaming large values uses the undefined-length form.
/// </summary>
internal sealed class DicomOutput(Stream stream)
{
    private const uint Undefined = 0xFFFFFFFF;
    private static readonly HashSet<string> LongVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"];

    // Largest number of characters each string VR holds (PS3.5 table 6.2-1).
    private static readonly Dictionary<string, int> MaxChars = new()
    {
        ["AE"] = 16, ["AS"] = 4, ["CS"] = 16, ["DA"] = 8, ["DS"] = 16, ["DT"] = 26, ["IS"] = 12, ["LO"] = 64, ["LT"] = 10240,
        ["PN"] = 64, ["SH"] = 16, ["ST"] = 1024, ["TM"] = 14, ["UI"] = 64, ["UT"] = int.MaxValue / 4,
    };

    public Stream Stream => stream;

    public void Text(uint tag, string vr, string? value)
    {
        value ??= "";
        if (MaxChars.TryGetValue(vr, out var max) && value.Length > max) value = value[..max];
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length % 2 == 1) bytes = [.. bytes, vr == "UI" ? (byte)0 : (byte)' '];
        Bytes(tag, vr, bytes);
    }

    public void Number(uint tag, double value) => Text(tag, "DS", DecimalString(value));

    public void Integer(uint tag, long value) => Text(tag, "IS", value.ToString(CultureInfo.InvariantCulture));

    public void UInt16(uint tag, params ushort[] values)
    {
        var bytes = new byte[2 * values.Length];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        Bytes(tag, "US", bytes);
    }

    public void UInt32(uint tag, params uint[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        Bytes(tag, "UL", bytes);
    }

    public void Bytes(uint tag, string vr, ReadOnlySpan<byte> value)
    {
        Header(tag, vr, (uint)value.Length);
        stream.Write(value);
    }

    /// <summary>A sequence of defined length whose items are each encoded by one of <paramref name="items"/>.</summary>
    public void Sequence(uint tag, IEnumerable<Action<DicomOutput>> items)
    {
        using var body = new MemoryStream();
        var inner = new DicomOutput(body);
        foreach (var write in items)
        {
            using var item = new MemoryStream();
            write(new DicomOutput(item));
            inner.Tag(DicomTags.Item);
            inner.Length32((uint)item.Length);
            item.Position = 0;
            item.CopyTo(body);
        }
        Header(tag, "SQ", (uint)body.Length);
        body.Position = 0;
        body.CopyTo(stream);
    }

    public void Header(uint tag, string vr, uint length)
    {
        Tag(tag);
        stream.Write(Encoding.ASCII.GetBytes(vr));
        if (LongVrs.Contains(vr))
        {
            stream.Write([0, 0]);
            Length32(length);
        }
        else
        {
            if (length > ushort.MaxValue) throw new ArgumentException($"{DicomTags.Format(tag)}: {length} bytes do not fit a {vr} value");
            Span<byte> l = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(l, (ushort)length);
            stream.Write(l);
        }
    }

    public void BeginUndefinedSequence(uint tag) => Header(tag, "SQ", Undefined);

    public void BeginUndefinedItem()
    {
        Tag(DicomTags.Item);
        Length32(Undefined);
    }

    public void EndUndefinedItem()
    {
        Tag(DicomTags.ItemDelimitation);
        Length32(0);
    }

    public void EndUndefinedSequence()
    {
        Tag(DicomTags.SequenceDelimitation);
        Length32(0);
    }

    /// <summary>
    /// The shortest decimal string of at most 16 characters (the DS limit) for <paramref name="value"/>: exact where
    /// the round-trip form fits, else as many significant digits as fit.
    /// </summary>
    public static string DecimalString(double value)
    {
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        if (r.Length <= 16) return r;
        for (var digits = 15; digits > 0; digits--)
        {
            var g = value.ToString("G" + digits, CultureInfo.InvariantCulture);
            if (g.Length <= 16) return g;
            var e = value.ToString("0." + new string('#', digits - 1) + "E+0", CultureInfo.InvariantCulture);
            if (e.Length <= 16) return e;
        }
        throw new ArgumentException($"{value} cannot be written as a decimal string");
    }

    private void Tag(uint tag)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)(tag >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], (ushort)tag);
        stream.Write(b);
    }

    private void Length32(uint length)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, length);
        stream.Write(b);
    }
}
