using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Einthoven.Learning.Kernels;

/// <summary>
/// A register-blocked update C[rows, cols] += alpha * Apanel * Bpanel, where the panels come from the packing in
/// <see cref="ManagedGemm"/> (A: kc columns of <see cref="Rows"/> values, B: kc rows of <see cref="Columns"/> values).
/// </summary>
/// <remarks>
/// The accumulators are written to a stack tile right after the loop and only then added to C: any call while
/// they are live makes the JIT spill them inside the hot loop, which halves the speed.
/// </remarks>
[SkipLocalsInit]
internal abstract unsafe class MicroKernel
{
    public abstract int Rows { get; }
    public abstract int Columns { get; }
    public abstract string Name { get; }

    /// <summary>
    /// Multiplies the panels; consecutive rows of the B panel are <paramref name="bStride"/> apart (Columns when
    /// packed, the row length of B when read in place). <paramref name="overwrite"/> stores alpha * product
    /// instead of adding it to C.
    /// </summary>
    public abstract void Run(int kc, float* a, float* b, int bStride, float* c, int ldc, float alpha, int rows, int cols, bool overwrite);

    /// <summary>C += alpha * tile (or C = alpha * tile) over the valid rows and columns, rounding the same everywhere.</summary>
    protected void AddTile(float* tile, float* c, int ldc, float alpha, int rows, int cols, bool overwrite)
    {
        var al = Vector256.Create(alpha);
        for (var i = 0; i < rows; i++)
        {
            var crow = c + i * (long)ldc;
            var trow = tile + i * Columns;
            var j = 0;
            if (overwrite)
            {
                if (cols == Columns)
                    for (; j < cols; j += Vector256<float>.Count) Vector256.Store(al * Vector256.Load(trow + j), crow + j);
                for (; j < cols; j++) crow[j] = alpha * trow[j];
                continue;
            }
            if (cols == Columns)
                for (; j < cols; j += Vector256<float>.Count)
                    Vector256.Store(Madd(al, Vector256.Load(trow + j), Vector256.Load(crow + j)), crow + j);
            for (; j < cols; j++)
                crow[j] = Fma.IsSupported ? MathF.FusedMultiplyAdd(alpha, trow[j], crow[j]) : alpha * trow[j] + crow[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static Vector256<float> Madd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;
}

internal static class MicroKernels
{
    /// <summary>The widest kernel this CPU runs natively.</summary>
    public static readonly MicroKernel Best =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? new Kernel6x32() : new Kernel6x16();
}

/// <summary>6 x 16 tile in twelve 256-bit accumulators (AVX2 + FMA, or the portable Vector256 fallback).</summary>
[SkipLocalsInit]
internal sealed unsafe class Kernel6x16 : MicroKernel
{
    public override int Rows => 6;
    public override int Columns => 16;
    public override string Name => Fma.IsSupported ? "avx2-fma 6x16" : "vector256 6x16";

    public override void Run(int kc, float* a, float* b, int bStride, float* c, int ldc, float alpha, int rows, int cols, bool overwrite)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var x = Vector256.Create(a[0]); c00 = Madd(x, b0, c00); c01 = Madd(x, b1, c01);
            x = Vector256.Create(a[1]); c10 = Madd(x, b0, c10); c11 = Madd(x, b1, c11);
            x = Vector256.Create(a[2]); c20 = Madd(x, b0, c20); c21 = Madd(x, b1, c21);
            x = Vector256.Create(a[3]); c30 = Madd(x, b0, c30); c31 = Madd(x, b1, c31);
            x = Vector256.Create(a[4]); c40 = Madd(x, b0, c40); c41 = Madd(x, b1, c41);
            x = Vector256.Create(a[5]); c50 = Madd(x, b0, c50); c51 = Madd(x, b1, c51);
            a += 6;
            b += bStride;
        }
        var tile = stackalloc float[6 * 16];
        c00.Store(tile); c01.Store(tile + 8); c10.Store(tile + 16); c11.Store(tile + 24);
        c20.Store(tile + 32); c21.Store(tile + 40); c30.Store(tile + 48); c31.Store(tile + 56);
        c40.Store(tile + 64); c41.Store(tile + 72); c50.Store(tile + 80); c51.Store(tile + 88);
        AddTile(tile, c, ldc, alpha, rows, cols, overwrite);
    }
}

/// <summary>6 x 32 tile in twelve 512-bit accumulators (AVX-512F).</summary>
[SkipLocalsInit]
internal sealed unsafe class Kernel6x32 : MicroKernel
{
    public override int Rows => 6;
    public override int Columns => 32;
    public override string Name => "avx512 6x32";

    public override void Run(int kc, float* a, float* b, int bStride, float* c, int ldc, float alpha, int rows, int cols, bool overwrite)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var x = Vector512.Create(a[0]); c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]); c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]); c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]); c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]); c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]); c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
            a += 6;
            b += bStride;
        }
        var tile = stackalloc float[6 * 32];
        c00.Store(tile); c01.Store(tile + 16); c10.Store(tile + 32); c11.Store(tile + 48);
        c20.Store(tile + 64); c21.Store(tile + 80); c30.Store(tile + 96); c31.Store(tile + 112);
        c40.Store(tile + 128); c41.Store(tile + 144); c50.Store(tile + 160); c51.Store(tile + 176);
        AddTile(tile, c, ldc, alpha, rows, cols, overwrite);
    }
}
