using System.Buffers.Binary;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Packs raw sample values into the bytes of a WFDB signal file, exactly as the WFDB library's putvec does,
/// including the short tail group it flushes for formats 212, 310 and 311.
/// <c>src</c> starts at a byte-group boundary; values must already fit the format.
/// </summary>
internal static class WfdbSampleEncoder
{
    /// <summary>Encodes <paramref name="src"/> into <paramref name="dst"/> and returns the number of bytes written.</summary>
    public static int Encode(int format, ReadOnlySpan<int> src, Span<byte> dst)
    {
        switch (format)
        {
            case 16:
                for (var i = 0; i < src.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(dst[(2 * i)..], (short)src[i]);
                return 2 * src.Length;
            case 61:
                for (var i = 0; i < src.Length; i++) BinaryPrimitives.WriteInt16BigEndian(dst[(2 * i)..], (short)src[i]);
                return 2 * src.Length;
            case 80:
                for (var i = 0; i < src.Length; i++) dst[i] = (byte)(src[i] + 128);
                return src.Length;
            case 160:
                for (var i = 0; i < src.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(dst[(2 * i)..], (ushort)(src[i] + 32768));
                return 2 * src.Length;
            case 212: return Encode212(src, dst);
            case 310: return Encode310(src, dst);
            case 311: return Encode311(src, dst);
            case 24:
                for (var i = 0; i < src.Length; i++)
                {
                    dst[3 * i] = (byte)src[i];
                    dst[3 * i + 1] = (byte)(src[i] >> 8);
                    dst[3 * i + 2] = (byte)(src[i] >> 16);
                }
                return 3 * src.Length;
            case 32:
                for (var i = 0; i < src.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(dst[(4 * i)..], src[i]);
                return 4 * src.Length;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "not a fixed-width WFDB format");
        }
    }

    /// <summary>Format 8: differences from the previous sample of each signal, kept in <paramref name="previous"/>.</summary>
    public static int EncodeDifferences(ReadOnlySpan<int> src, Span<byte> dst, Span<int> previous)
    {
        var frameSize = previous.Length;
        for (int i = 0, slot = 0; i < src.Length; i++)
        {
            dst[i] = (byte)(sbyte)(src[i] - previous[slot]);
            previous[slot] = src[i];
            if (++slot == frameSize) slot = 0;
        }
        return src.Length;
    }

    private static int Encode212(ReadOnlySpan<int> src, Span<byte> dst)
    {
        var o = 0;
        var i = 0;
        for (; i + 1 < src.Length; i += 2)
        {
            int a = src[i], b = src[i + 1];
            dst[o++] = (byte)a;
            dst[o++] = (byte)(((a >> 8) & 0x0F) | ((b >> 4) & 0xF0));
            dst[o++] = (byte)b;
        }
        if (i < src.Length)
        {
            dst[o++] = (byte)src[i];
            dst[o++] = (byte)((src[i] >> 8) & 0x0F);
        }
        return o;
    }

    private static int Encode310(ReadOnlySpan<int> src, Span<byte> dst)
    {
        var o = 0;
        for (var i = 0; i < src.Length; i += 3)
        {
            var w0 = (src[i] << 1) & 0x7FE;
            var w1 = i + 1 < src.Length ? (src[i + 1] << 1) & 0x7FE : 0;
            if (i + 2 < src.Length)
            {
                w0 |= (src[i + 2] << 11) & 0xF800;
                w1 |= (src[i + 2] << 6) & 0xF800;
            }
            BinaryPrimitives.WriteUInt16LittleEndian(dst[o..], (ushort)w0);
            o += 2;
            if (i + 1 >= src.Length) break;
            BinaryPrimitives.WriteUInt16LittleEndian(dst[o..], (ushort)w1);
            o += 2;
        }
        return o;
    }

    private static int Encode311(ReadOnlySpan<int> src, Span<byte> dst)
    {
        var o = 0;
        for (var i = 0; i < src.Length; i += 3)
        {
            var word = src[i] & 0x3FF;
            if (i + 1 >= src.Length)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(dst[o..], (ushort)word);
                return o + 2;
            }
            word |= (src[i + 1] & 0x3FF) << 10;
            if (i + 2 < src.Length) word |= (src[i + 2] & 0x3FF) << 20;
            BinaryPrimitives.WriteInt32LittleEndian(dst[o..], word);
            o += 4;
        }
        return o;
    }
}
