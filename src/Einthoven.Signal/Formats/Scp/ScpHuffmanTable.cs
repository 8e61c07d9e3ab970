using System.Buffers.Binary;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>
/// One code structure of an SCP-ECG Huffman table (section 2). <see cref="Code"/> is the prefix as it appears in the
/// bit stream (the file stores it bit-reversed). When <see cref="TotalBits"/> exceeds <see cref="PrefixBits"/> the
/// value follows the prefix as a signed number of the remaining bits; a <see cref="Switch"/> entry selects table
/// <see cref="BaseValue"/> (1-based) instead of giving a value.
/// </summary>
internal readonly record struct ScpCode(int PrefixBits, int TotalBits, bool Switch, short BaseValue, uint Code);

/// <summary>A Huffman table of section 2 with a lookup on the next <see cref="MaxPrefixBits"/> bits.</summary>
internal sealed class ScpHuffmanTable
{
    /// <summary>Section 2 states this number of tables to mean "the default table of the standard".</summary>
    public const ushort DefaultTableMarker = 19999;
    public const int MaxPrefixBits = 16;

    /// <summary>More tables than any device writes; each costs a 256 kB lookup once used.</summary>
    public const int MaxTables = 64;

    private readonly Lazy<int[]> _lookup;

    /// <summary>A table of prefix-free codes; codes one of which begins another are refused.</summary>
    public ScpHuffmanTable(IReadOnlyList<ScpCode> codes)
    {
        Codes = codes;
        var overlap = FindOverlap(codes);
        if (overlap is not null) throw new InvalidDataException(overlap);
        _lookup = new Lazy<int[]>(() => BuildLookup(codes));
    }

    // Entry index + 1 for every MaxPrefixBits-bit window, 0 where no code matches.
    private static int[] BuildLookup(IReadOnlyList<ScpCode> codes)
    {
        var lookup = new int[1 << MaxPrefixBits];
        for (var i = 0; i < codes.Count; i++)
        {
            var free = MaxPrefixBits - codes[i].PrefixBits;
            Array.Fill(lookup, i + 1, (int)(codes[i].Code << free), 1 << free);
        }
        return lookup;
    }

    private static string? FindOverlap(IReadOnlyList<ScpCode> codes)
    {
        // Sorted by their first window, prefix-free codes cover disjoint ranges.
        var ranges = codes.Select((c, i) => (First: (long)c.Code << (MaxPrefixBits - c.PrefixBits), Count: 1L << (MaxPrefixBits - c.PrefixBits), Index: i))
            .OrderBy(r => r.First).ToArray();
        for (var i = 1; i < ranges.Length; i++)
            if (ranges[i - 1].First + ranges[i - 1].Count > ranges[i].First)
                return $"code {ranges[i].Index + 1} and code {ranges[i - 1].Index + 1} overlap (one is a prefix of the other)";
        return null;
    }

    public IReadOnlyList<ScpCode> Codes { get; }

    /// <summary>The table the standard defines (values -8..8 by prefix length, then 8- and 16-bit escapes).</summary>
    public static ScpHuffmanTable Default { get; } = new([
        new(1, 1, false, 0, 0),
        .. Enumerable.Range(1, 8).SelectMany(k => new ScpCode[]
        {
            new(k + 2, k + 2, false, (short)k, ((1u << k) - 1) << 2),
            new(k + 2, k + 2, false, (short)-k, (((1u << k) - 1) << 2) | 1),
        }),
        new(10, 18, false, 0, 0x3FE),
        new(10, 26, false, 0, 0x3FF),
    ]);

    /// <summary>The code whose prefix starts <paramref name="window"/> (the next <see cref="MaxPrefixBits"/> bits), or -1.</summary>
    public int Match(uint window) => _lookup.Value[window] - 1;

    /// <summary>The tables of section 2: the default table for the marker 19999, else each table as stored.</summary>
    public static IReadOnlyList<ScpHuffmanTable> Parse(ReadOnlySpan<byte> body, string path)
    {
        if (body.Length < 2) throw new SignalFormatException(path, "section 2", "too short for the number of Huffman tables");
        var count = BinaryPrimitives.ReadUInt16LittleEndian(body);
        if (count == DefaultTableMarker) return [Default];
        if (count is 0 or > MaxTables) throw new SignalFormatException(path, "section 2 number of tables", $"{count} tables (1 to {MaxTables} are read)");
        var tables = new List<ScpHuffmanTable>();
        var at = 2;
        for (var t = 1; t <= count; t++)
        {
            var field = $"section 2 table {t}";
            if (at + 2 > body.Length) throw new SignalFormatException(path, field, "the section ends before the table");
            var structures = BinaryPrimitives.ReadUInt16LittleEndian(body[at..]);
            at += 2;
            if (structures == 0 || at + structures * 9 > body.Length)
                throw new SignalFormatException(path, $"{field} number of codes", $"{structures} 9-byte codes do not fit the section's {body.Length} bytes");
            var codes = new ScpCode[structures];
            for (var i = 0; i < structures; i++, at += 9)
                codes[i] = ReadCode(body.Slice(at, 9), count, path, $"{field} code {i + 1}");
            try { tables.Add(new ScpHuffmanTable(codes)); }
            catch (InvalidDataException e) { throw new SignalFormatException(path, field, e.Message); }
        }
        return tables;
    }

    private static ScpCode ReadCode(ReadOnlySpan<byte> bytes, int tableCount, string path, string field)
    {
        int prefix = bytes[0], total = bytes[1];
        var isSwitch = bytes[2] == 0;
        var baseValue = BinaryPrimitives.ReadInt16LittleEndian(bytes[3..]);
        var reversed = BinaryPrimitives.ReadUInt32LittleEndian(bytes[5..]);
        if (prefix is < 1 or > MaxPrefixBits)
            throw new SignalFormatException(path, field, $"a prefix of {prefix} bits (1 to {MaxPrefixBits} are read)");
        if (total < prefix || total - prefix > 16)
            throw new SignalFormatException(path, field, $"{total} bits in all for a {prefix}-bit prefix (at most 16 value bits)");
        if (isSwitch && (baseValue < 1 || baseValue > tableCount))
            throw new SignalFormatException(path, field, $"switches to table {baseValue}, the section has {tableCount}");
        if (reversed >> prefix != 0)
            throw new SignalFormatException(path, field, $"base code {reversed} has more than {prefix} bits");
        uint code = 0;
        for (var b = 0; b < prefix; b++) code |= ((reversed >> b) & 1) << (prefix - 1 - b);
        return new ScpCode(prefix, total, isSwitch, baseValue, code);
    }

    /// <summary>Section 2's bytes for this table alone (number of tables 1), as a file that spells the table out has them.</summary>
    public byte[] ToSection()
    {
        var bytes = new byte[4 + Codes.Count * 9];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), (ushort)Codes.Count);
        for (var i = 0; i < Codes.Count; i++)
        {
            var c = Codes[i];
            var at = 4 + i * 9;
            (bytes[at], bytes[at + 1], bytes[at + 2]) = ((byte)c.PrefixBits, (byte)c.TotalBits, (byte)(c.Switch ? 0 : 1));
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(at + 3), c.BaseValue);
            uint reversed = 0;
            for (var b = 0; b < c.PrefixBits; b++) reversed |= ((c.Code >> b) & 1) << (c.PrefixBits - 1 - b);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 5), reversed);
        }
        return bytes;
    }
}
