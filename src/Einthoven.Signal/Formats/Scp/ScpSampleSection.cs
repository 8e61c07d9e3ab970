using System.Buffers.Binary;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>
/// The head of section 5 (reference beats) or 6 (rhythm data): amplitude multiplier in nV, sample interval in µs,
/// the difference encoding, section 6's bimodal-compression flag, and per lead the byte count of its data.
/// </summary>
internal sealed record ScpSampleSection(int AmplitudeNanovolts, int IntervalMicroseconds, ScpDifferences Differences, bool Bimodal,
    int[] ByteCounts, ReadOnlyMemory<byte> Data, string Name)
{
    public const int FixedLength = 6;

    public static ScpSampleSection Parse(ReadOnlyMemory<byte> body, int leads, string path, int id)
    {
        var name = $"section {id}";
        var span = body.Span;
        if (span.Length < FixedLength + 2 * leads)
            throw new SignalFormatException(path, name, $"{span.Length} bytes cannot hold the header and the byte counts of {leads} leads");
        var avm = BinaryPrimitives.ReadUInt16LittleEndian(span);
        var interval = BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
        if (avm == 0) throw new SignalFormatException(path, $"{name} amplitude value multiplier", "0 nV per unit");
        if (interval == 0) throw new SignalFormatException(path, $"{name} sample time interval", "0 µs between samples");
        if (span[4] > 2) throw new SignalFormatException(path, $"{name} difference encoding", $"{span[4]} (0 none, 1 first, 2 second differences)");
        var counts = new int[leads];
        long total = 0;
        for (var i = 0; i < leads; i++) total += counts[i] = BinaryPrimitives.ReadUInt16LittleEndian(span[(FixedLength + 2 * i)..]);
        var data = body[(FixedLength + 2 * leads)..];
        if (total > data.Length)
            throw new SignalFormatException(path, $"{name} lead byte counts", $"{total} bytes of lead data claimed, the section has {data.Length}");
        return new ScpSampleSection(avm, interval, (ScpDifferences)span[4], id == 6 && span[5] != 0, counts, data, name);
    }

    public int[][] Decode(int samples, IReadOnlyList<ScpHuffmanTable>? tables, string path) =>
        ScpLeadData.Decode(Data.Span, ByteCounts, samples, tables, Differences, path, Name);

    /// <summary>The section's bytes for leads already encoded.</summary>
    public static byte[] Write(int amplitudeNanovolts, int intervalMicroseconds, ScpDifferences differences, IReadOnlyList<byte[]> leads)
    {
        var head = new byte[FixedLength + 2 * leads.Count];
        BinaryPrimitives.WriteUInt16LittleEndian(head, (ushort)amplitudeNanovolts);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), (ushort)intervalMicroseconds);
        head[4] = (byte)differences;
        for (var i = 0; i < leads.Count; i++) BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(FixedLength + 2 * i), (ushort)leads[i].Length);
        return [.. head, .. leads.SelectMany(l => l)];
    }
}
