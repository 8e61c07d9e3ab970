namespace Einthoven.TestSupport;

/// <summary>For tests that forge PNG headers: the CRC-32 each chunk carries (ISO 3309, as PNG uses it).</summary>
public static class PngChunks
{
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
