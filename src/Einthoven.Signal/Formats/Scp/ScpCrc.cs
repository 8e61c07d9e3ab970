namespace Einthoven.Signal.Formats.Scp;

/// <summary>CRC-CCITT as SCP-ECG uses it for the file and for every section: polynomial 0x1021, start 0xFFFF.</summary>
internal static class ScpCrc
{
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data) crc = (ushort)((crc << 8) ^ Table[(crc >> 8) ^ b]);
        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var c = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++) c = (c & 0x8000) != 0 ? (ushort)((c << 1) ^ 0x1021) : (ushort)(c << 1);
            table[i] = c;
        }
        return table;
    }
}
