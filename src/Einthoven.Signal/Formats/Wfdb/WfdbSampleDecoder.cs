using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        var i0 = 0;
        if (Vector128.IsHardwareAccelerated)
            for (; i0 + 8 <= dst.Length; i0 += 8)
            {
                var v = Vector128.LoadUnsafe(ref s, (nuint)i0);
                Vector128.WidenLower(v).StoreUnsafe(ref d, (nuint)i0);
                Vector128.WidenUpper(v).StoreUnsafe(ref d, (nuint)(i0 + 4));
            }
        for (var i = i0; i < dst.Length; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i);
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
        for (var p = Decode212Vector(src, dst); p < pairs; p++)
        {
            int b0 = Unsafe.Add(ref s, 3 * p), b1 = Unsafe.Add(ref s, 3 * p + 1), b2 = Unsafe.Add(ref s, 3 * p + 2);
            Unsafe.Add(ref d, 2 * p) = ((b0 | (b1 << 8)) << 20) >> 20;
            Unsafe.Add(ref d, 2 * p + 1) = ((b2 | ((b1 & 0xF0) << 4)) << 20) >> 20;
        }
        if ((dst.Length & 1) != 0)
            dst[^1] = ((src[3 * pairs] | (src[3 * pairs + 1] << 8)) << 20) >> 20;
    }

    /// <summary>Decodes 4 pairs (12 bytes) per step with byte shuffles; returns the pairs done.</summary>
    private static int Decode212Vector(ReadOnlySpan<byte> src, Span<int> dst)
    {
        if (!Ssse3.IsSupported) return 0;
        var pairs = dst.Length / 2;
        ref var s = ref MemoryMarshal.GetReference(src);
        ref var d = ref MemoryMarshal.GetReference(dst);
        // Each 32-bit lane receives the 3 bytes of its pair; even lanes decode the first sample, odd lanes the second.
        var first = Vector128.Create((byte)0, 1, 2, 0x80, 0, 1, 2, 0x80, 3, 4, 5, 0x80, 3, 4, 5, 0x80);
        var second = Vector128.Create((byte)6, 7, 8, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80, 9, 10, 11, 0x80);
        var done = 0;
        for (; done + 4 <= pairs && 3 * done + 16 <= src.Length; done += 4)
        {
            var bytes = Vector128.LoadUnsafe(ref s, (nuint)(3 * done));
            Unpack212(Ssse3.Shuffle(bytes, first).AsInt32()).StoreUnsafe(ref d, (nuint)(2 * done));
            Unpack212(Ssse3.Shuffle(bytes, second).AsInt32()).StoreUnsafe(ref d, (nuint)(2 * done + 4));
        }
        return done;
    }

    /// <summary>Format 212 holding exactly two signals: each 3-byte group is one frame, split into two arrays.</summary>
    public static void Decode212Frames(ReadOnlySpan<byte> src, Span<int> first, Span<int> second)
    {
        var frames = first.Length;
        if (second.Length != frames || src.Length < 3 * frames) throw new ArgumentException("buffer sizes do not match", nameof(src));
        ref var s = ref MemoryMarshal.GetReference(src);
        ref var a = ref MemoryMarshal.GetReference(first);
        ref var b = ref MemoryMarshal.GetReference(second);
        var f = 0;
        if (Ssse3.IsSupported)
        {
            var groups = Vector128.Create((byte)0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80);
            for (; f + 4 <= frames && 3 * f + 16 <= src.Length; f += 4)
            {
                var w = Ssse3.Shuffle(Vector128.LoadUnsafe(ref s, (nuint)(3 * f)), groups).AsInt32();
                Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(w, 20), 20).StoreUnsafe(ref a, (nuint)f);
                SecondOfPair(w).StoreUnsafe(ref b, (nuint)f);
            }
        }
        for (; f < frames; f++)
        {
            int b0 = Unsafe.Add(ref s, 3 * f), b1 = Unsafe.Add(ref s, 3 * f + 1), b2 = Unsafe.Add(ref s, 3 * f + 2);
            Unsafe.Add(ref a, f) = ((b0 | (b1 << 8)) << 20) >> 20;
            Unsafe.Add(ref b, f) = ((b2 | ((b1 & 0xF0) << 4)) << 20) >> 20;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> SecondOfPair(Vector128<int> w)
    {
        var v = (Vector128.ShiftRightLogical(w, 16) & Vector128.Create(0xFF)) | (Vector128.ShiftRightLogical(w, 4) & Vector128.Create(0xF00));
        return Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(v, 20), 20);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Unpack212(Vector128<int> w)
    {
        var even = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(w, 20), 20);
        return Vector128.ConditionalSelect(Vector128.Create(-1, 0, -1, 0), even, SecondOfPair(w));
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
