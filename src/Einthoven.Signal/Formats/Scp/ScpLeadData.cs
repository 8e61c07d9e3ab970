using System.Buffers.Binary;
using Einthoven.Signal.Compression;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>How section 5 or 6 stores its samples.</summary>
internal enum ScpDifferences { None = 0, First = 1, Second = 2 }

/// <summary>
/// The encoded samples of sections 5 and 6: per lead a byte count, then each lead's bytes, either 16-bit
/// little-endian values or a Huffman bit stream (when section 2 is present); the values are the samples themselves or
/// their first or second differences.
/// </summary>
internal static class ScpLeadData
{
    public static int[][] Decode(ReadOnlySpan<byte> data, IReadOnlyList<int> byteCounts, int samples, IReadOnlyList<ScpHuffmanTable>? tables,
        ScpDifferences differences, string path, string section)
    {
        var leads = new int[byteCounts.Count][];
        var at = 0;
        for (var lead = 0; lead < leads.Length; lead++)
        {
            var field = $"{section} lead {lead + 1} data";
            var bytes = data.Slice(at, byteCounts[lead]);
            at += byteCounts[lead];
            // Each sample takes at least one bit (Huffman) or two bytes (plain), so a count the bytes cannot hold is refused before allocating.
            var capacity = tables is null ? bytes.Length / 2L : bytes.Length * 8L;
            if (samples > capacity)
                throw new SignalFormatException(path, field, $"{bytes.Length} bytes cannot hold {samples} samples");
            var values = tables is null ? Plain(bytes, samples) : Huffman(bytes, samples, tables, path, field);
            Undifference(values, differences);
            leads[lead] = values;
        }
        return leads;
    }

    private static int[] Plain(ReadOnlySpan<byte> bytes, int samples)
    {
        var values = new int[samples];
        for (var i = 0; i < samples; i++) values[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]);
        return values;
    }

    private static int[] Huffman(ReadOnlySpan<byte> bytes, int samples, IReadOnlyList<ScpHuffmanTable> tables, string path, string field)
    {
        var values = new int[samples];
        var reader = new BitReader(bytes);
        var table = tables[0];
        try
        {
            for (var i = 0; i < samples;)
            {
                var index = table.Match(reader.Peek(ScpHuffmanTable.MaxPrefixBits));
                if (index < 0) throw new SignalFormatException(path, field, $"no Huffman code matches the bits at sample {i + 1}");
                var code = table.Codes[index];
                reader.Skip(code.PrefixBits);
                if (code.Switch)
                {
                    table = tables[code.BaseValue - 1];
                    continue;
                }
                var extra = code.TotalBits - code.PrefixBits;
                values[i++] = extra == 0 ? code.BaseValue : SignExtend(reader.Read(extra), extra);
            }
        }
        catch (InvalidDataException e)
        {
            throw new SignalFormatException(path, field, $"the Huffman stream ends before sample {samples}: {e.Message}");
        }
        return values;
    }

    private static int SignExtend(uint value, int bits) => (int)(value << (32 - bits)) >> (32 - bits);

    private static void Undifference(int[] values, ScpDifferences differences)
    {
        if (differences == ScpDifferences.First)
            for (var i = 1; i < values.Length; i++) values[i] += values[i - 1];
        else if (differences == ScpDifferences.Second)
            for (var i = 2; i < values.Length; i++) values[i] += 2 * values[i - 1] - values[i - 2];
    }

    /// <summary>The values <see cref="Decode"/> expects: differences taken, as 16-bit values or default-table Huffman codes.</summary>
    /// <returns>The encoded bytes, or null with the reason when a value does not fit 16 bits.</returns>
    public static (byte[]? Bytes, string? Problem) Encode(int[] samples, ScpDifferences differences, bool huffman)
    {
        var values = Difference(samples, differences);
        foreach (var v in values)
            if (v is < short.MinValue or > short.MaxValue)
                return (null, $"{(differences == ScpDifferences.None ? "a sample" : "a difference")} of {v} does not fit 16 bits");
        if (!huffman)
        {
            var bytes = new byte[values.Length * 2];
            for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), (short)values[i]);
            return (bytes, null);
        }
        var writer = new BitWriter(values.Length);
        foreach (var v in values) WriteDefaultCode(writer, v);
        return (writer.ToArray(), null);
    }

    private static int[] Difference(int[] samples, ScpDifferences differences)
    {
        var values = (int[])samples.Clone();
        if (differences == ScpDifferences.None) return values;
        for (var i = values.Length - 1; i >= (int)differences; i--)
            values[i] = differences == ScpDifferences.First ? samples[i] - samples[i - 1] : samples[i] - 2 * samples[i - 1] + samples[i - 2];
        return values;
    }

    // The default table: 0 is "0"; ±k (k ≤ 8) is k ones, a zero and the sign; others escape with 8 or 16 bits.
    private static void WriteDefaultCode(BitWriter writer, int v)
    {
        var k = Math.Abs(v);
        if (k == 0) writer.Write(0, 1);
        else if (k <= 8) writer.Write((((1u << k) - 1) << 2) | (v < 0 ? 1u : 0u), k + 2);
        else if (v is >= sbyte.MinValue and <= sbyte.MaxValue) writer.Write((0x3FEu << 8) | (byte)(sbyte)v, 18);
        else writer.Write((0x3FFu << 16) | (ushort)(short)v, 26);
    }
}
