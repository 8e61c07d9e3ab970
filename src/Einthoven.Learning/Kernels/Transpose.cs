using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Einthoven.Learning.Kernels;

/// <summary>Block transposes used when packing a transposed operand.</summary>
internal static unsafe class Transpose
{
    /// <summary>
    /// dst[i * dstStride + j] = src[j * srcStride + i] for i &lt; rows, j &lt; cols (a rows x cols block of the
    /// transpose). 8 x 8 blocks go through AVX registers; the ragged edges are copied one value at a time.
    /// </summary>
    public static void Block(float* src, long srcStride, float* dst, int dstStride, int rows, int cols)
    {
        var i = 0;
        if (Avx.IsSupported)
            for (; i + 8 <= rows; i += 8)
            {
                var j = 0;
                for (; j + 8 <= cols; j += 8) Transpose8x8(src + j * srcStride + i, srcStride, dst + i * dstStride + j, dstStride);
                for (; j < cols; j++)
                    for (var r = i; r < i + 8; r++) dst[r * dstStride + j] = src[j * srcStride + r];
            }
        for (; i < rows; i++)
            for (var j = 0; j < cols; j++) dst[i * dstStride + j] = src[j * srcStride + i];
    }

    private static void Transpose8x8(float* src, long srcStride, float* dst, int dstStride)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + srcStride);
        var r2 = Avx.LoadVector256(src + 2 * srcStride);
        var r3 = Avx.LoadVector256(src + 3 * srcStride);
        var r4 = Avx.LoadVector256(src + 4 * srcStride);
        var r5 = Avx.LoadVector256(src + 5 * srcStride);
        var r6 = Avx.LoadVector256(src + 6 * srcStride);
        var r7 = Avx.LoadVector256(src + 7 * srcStride);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44); var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44); var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44); var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44); var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(s3, s7, 0x31));
    }
}
