using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Dicom;

/// <summary>
/// One parsed data element: a small value held in memory, a large one (the waveform data) only located in the file
/// by <see cref="Offset"/>, or a sequence's items.
/// </summary>
internal sealed record DicomElement(uint Tag, string Vr, long Offset, long Length, byte[]? Value, IReadOnlyList<DicomDataset>? Items);

/// <summary>
/// The elements of a data set or sequence item, with typed accessors whose errors name the file and the element
/// (with the items that lead to it, as in "Waveform Sequence item 1 &gt; Sampling Frequency (003A,001A)").
/// </summary>
internal sealed class DicomDataset(string file, string where, IReadOnlyList<DicomElement> elements, DicomText text)
{
    public string File => file;
    public IReadOnlyList<DicomElement> Elements => elements;

    public DicomElement? Find(uint tag)
    {
        foreach (var e in elements)
            if (e.Tag == tag) return e;
        return null;
    }

    public string Field(uint tag) => (where.Length > 0 ? where + " > " : "") + DicomTags.Format(tag);

    public SignalFormatException Error(uint tag, string reason) => new(file, Field(tag), reason);

    /// <summary>The string value with its padding removed, or null when the element is absent or empty.</summary>
    public string? String(uint tag)
    {
        if (Find(tag) is not { } e) return null;
        var bytes = Bytes(e);
        var s = text.Encoding.GetString(bytes).TrimEnd('\0', ' ');
        return e.Vr is "UT" or "ST" or "LT" ? (s.Length > 0 ? s : null) : s.TrimStart(' ') is { Length: > 0 } t ? t : null;
    }

    public string Required(uint tag) => String(tag) ?? throw Error(tag, "is missing or empty");

    /// <summary>A decimal string (DS) or integer string (IS); null when absent.</summary>
    public double? Number(uint tag)
    {
        if (String(tag) is not { } s) return null;
        if (s.Contains('\\')) s = s[..s.IndexOf('\\')];
        return double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v : throw Error(tag, $"'{Shorten(s)}' is not a number");
    }

    public double RequiredNumber(uint tag) => Number(tag) ?? throw Error(tag, "is missing or empty");

    /// <summary>The 16-bit (US) values.</summary>
    public ushort[] UInt16s(uint tag)
    {
        if (Find(tag) is not { } e) return [];
        var bytes = Bytes(e);
        if (bytes.Length % 2 != 0) throw Error(tag, $"length {bytes.Length} is not a multiple of 2");
        var values = new ushort[bytes.Length / 2];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i));
        return values;
    }

    /// <summary>The 32-bit (UL) values.</summary>
    public uint[] UInt32s(uint tag)
    {
        if (Find(tag) is not { } e) return [];
        var bytes = Bytes(e);
        if (bytes.Length % 4 != 0) throw Error(tag, $"length {bytes.Length} is not a multiple of 4");
        var values = new uint[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * i));
        return values;
    }

    public ushort RequiredUInt16(uint tag) => UInt16s(tag) is [var v, ..] ? v : throw Error(tag, "is missing or empty");

    public uint RequiredUInt32(uint tag) => UInt32s(tag) is [var v, ..] ? v : throw Error(tag, "is missing or empty");

    /// <summary>The items of a sequence (none when absent).</summary>
    public IReadOnlyList<DicomDataset> Items(uint tag) => Find(tag) switch
    {
        null => [],
        { Items: { } items } => items,
        _ => throw Error(tag, "is not a sequence"),
    };

    public DicomElement RequiredElement(uint tag) => Find(tag) ?? throw Error(tag, "is missing");

    private byte[] Bytes(DicomElement e) => e switch
    {
        { Value: { } v } => v,
        { Items: not null } => throw Error(e.Tag, "is a sequence where a value belongs"),
        _ => throw Error(e.Tag, $"holds {e.Length:N0} bytes, more than a value of this kind may have"),
    };

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// <summary>
/// How the strings of one file are decoded: Latin-1 (a superset of the default repertoire) unless its Specific
/// Character Set names UTF-8. Shared by all items, since the character set element comes first in the data set.
/// </summary>
internal sealed class DicomText
{
    public Encoding Encoding { get; private set; } = Encoding.Latin1;

    public void Apply(byte[] specificCharacterSet)
    {
        var names = Encoding.ASCII.GetString(specificCharacterSet);
        if (names.Contains("ISO_IR 192", StringComparison.Ordinal)) Encoding = new UTF8Encoding(false, false);
    }
}
