using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Turns the bytes of a WFDB signal file into raw sample values. <c>src</c> always starts at a byte-group boundary
/// and holds at least <see cref="WfdbStorageFormat.BytesFor"/> bytes for <c>dst.Length</c> samples.
/// Format 8 (first differences) needs running state and is decoded by <see cref="DecodeDifferences"/>.
/// </summary>
internal static class WfdbSampleDecoder
{
    public static void Decode(int format, ReadOnlySpan<byte> src, Span<int> dst)
    {
        switch (format)
        {
            case 16: Decode16(src, dst); break;
            case 61: Decode61(src, dst); break;
            case 80: Decode80(src, dst); break;
            case 160: Decode160(src, dst); break;
            case 212: Decode212(src, dst); break;
            case 310: Decode310(src, dst); break;
            case 311: Decode311(src, dst); break;
            case 24: Decode24(src, dst); break;
            case 32: MemoryMarshal.Cast<byte, int>(src[..(dst.Length * 4)]).CopyTo(dst); FixEndian32(dst); break;
            case 0: dst.Fill(WfdbDefaults.InvalidSample); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "not a fixed-width WFDB format");
        }
    }

    /// <summary>
    /// Format 8: each byte is the signed difference from the previous sample of the same signal.
    /// <paramref name="slotSignal"/> maps each position in a frame to its signal's accumulator.
    /// </summary>
    public static void DecodeDifferences(ReadOnlySpan<byte> src, Span<int> dst, ReadOnlySpan<int> slotSignal, Span<int> accumulators)
    {
        var frameSize = slotSignal.Length;
        for (int i = 0, slot = 0; i < dst.Length; i++)
        {
            ref var acc = ref accumulators[slotSignal[slot]];
            acc += (sbyte)src[i];
            dst[i] = acc;
            if (++slot == frameSize) slot = 0;
        }
    }

    private static void Decode16(ReadOnlySpan<byte> src, Span<int> dst)
    {
        var words = MemoryMarshal.Cast<byte, short>(src[..(dst.Length * 2)]);
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReverseEndianness(words[i]);
            return;
        }
        ref var s = ref MemoryMarshal.GetReference(words);
        ref var d = ref MemoryMarshal.GetReference(dst);
        for (var i = 0; i < dst.Length; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i);
    }

    private static void Decode61(ReadOnlySpan<byte> src, Span<int> dst)
    {
        for (var i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReadInt16BigEndian(src.Slice(2 * i, 2));
    }

    private static void Decode80(ReadOnlySpan<byte> src, Span<int> dst)
    {
        for (var i = 0; i < dst.Length; i++) dst[i] = src[i] - 128;
    }

    private static void Decode160(ReadOnlySpan<byte> src, Span<int> dst)
    {
        for (var i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReadUInt16LittleEndian(src.Slice(2 * i, 2)) - 32768;
    }

    private static void Decode212(ReadOnlySpan<byte> src, Span<int> dst)
    {
        var pairs = dst.Length / 2;
        if (src.Length < WfdbStorageFormat.Get(212).BytesFor(dst.Length)) throw new ArgumentException("short buffer", nameof(src));
        ref var s = ref MemoryMarshal.GetReference(src);
        ref var d = ref MemoryMarshal.GetReference(dst);
        for (var p = 0; p < pairs; p++)
        {
            int b0 = Unsafe.Add(ref s, 3 * p), b1 = Unsafe.Add(ref s, 3 * p + 1), b2 = Unsafe.Add(ref s, 3 * p + 2);
            Unsafe.Add(ref d, 2 * p) = ((b0 | (b1 << 8)) << 20) >> 20;
            Unsafe.Add(ref d, 2 * p + 1) = ((b2 | ((b1 & 0xF0) << 4)) << 20) >> 20;
        }
        if ((dst.Length & 1) != 0)
            dst[^1] = ((src[3 * pairs] | (src[3 * pairs + 1] << 8)) << 20) >> 20;
    }

    private static void Decode310(ReadOnlySpan<byte> src, Span<int> dst)
    {
        for (int i = 0, g = 0; i < dst.Length; i += 3, g += 4)
        {
            int w0 = BinaryPrimitives.ReadUInt16LittleEndian(src.Slice(g, 2));
            dst[i] = Extend10(w0 >> 1);
            if (i + 1 >= dst.Length) break;
            int w1 = BinaryPrimitives.ReadUInt16LittleEndian(src.Slice(g + 2, 2));
            dst[i + 1] = Extend10(w1 >> 1);
            if (i + 2 >= dst.Length) break;
            dst[i + 2] = Extend10(((w0 >> 11) & 0x1F) | (((w1 >> 11) & 0x1F) << 5));
        }
    }

    private static void Decode311(ReadOnlySpan<byte> src, Span<int> dst)
    {
        for (int i = 0, g = 0; i < dst.Length; i += 3, g += 4)
        {
            if (i + 1 >= dst.Length)
            {
                dst[i] = Extend10(BinaryPrimitives.ReadUInt16LittleEndian(src.Slice(g, 2)));
                break;
            }
            var word = BinaryPrimitives.ReadInt32LittleEndian(src.Slice(g, 4));
            dst[i] = Extend10(word);
            dst[i + 1] = Extend10(word >> 10);
            if (i + 2 < dst.Length) dst[i + 2] = Extend10(word >> 20);
        }
    }

    private static void Decode24(ReadOnlySpan<byte> src, Span<int> dst)
    {
        if (src.Length < 3L * dst.Length) throw new ArgumentException("short buffer", nameof(src));
        ref var s = ref MemoryMarshal.GetReference(src);
        for (var i = 0; i < dst.Length; i++)
            dst[i] = ((Unsafe.Add(ref s, 3 * i) | (Unsafe.Add(ref s, 3 * i + 1) << 8) | (Unsafe.Add(ref s, 3 * i + 2) << 16)) << 8) >> 8;
    }

    private static void FixEndian32(Span<int> dst)
    {
        if (BitConverter.IsLittleEndian) return;
        for (var i = 0; i < dst.Length; i++) dst[i] = BinaryPrimitives.ReverseEndianness(dst[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Extend10(int v) => (v << 22) >> 22;
}
