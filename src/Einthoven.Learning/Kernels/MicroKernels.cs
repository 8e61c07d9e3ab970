using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Einthoven.Learning.Kernels;

/// <summary>
/// A register-blocked update C[rows, cols] += alpha * Apanel * Bpanel, where the panels come from the packing in
/// <see cref="ManagedGemm"/> (A: kc columns of <see cref="Rows"/> values, B: kc rows of <see cref="Columns"/> values).
/// </summary>
internal abstract unsafe class MicroKernel
{
    public abstract int Rows { get; }
    public abstract int Columns { get; }
    public abstract string Name { get; }

    /// <summary>Whether the full-tile path uses fused multiply-add, so edges round the same way.</summary>
    protected abstract bool Fused { get; }

    public abstract void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, int rows, int cols);

    /// <summary>Adds a full register tile (written to <paramref name="tile"/>) to the partial edge of C.</summary>
    protected void AddEdge(float* tile, float* c, int ldc, float alpha, int rows, int cols)
    {
        for (var i = 0; i < rows; i++)
        {
            var crow = c + i * (long)ldc;
            var trow = tile + i * Columns;
            for (var j = 0; j < cols; j++)
                crow[j] = Fused ? MathF.FusedMultiplyAdd(alpha, trow[j], crow[j]) : alpha * trow[j] + crow[j];
        }
    }
}

internal static class MicroKernels
{
    /// <summary>The widest kernel this CPU runs natively.</summary>
    public static readonly MicroKernel Best =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? new Kernel6x32() : new Kernel6x16();
}

/// <summary>6 x 16 tile in twelve 256-bit accumulators (AVX2 + FMA, or the portable Vector256 fallback).</summary>
internal sealed unsafe class Kernel6x16 : MicroKernel
{
    public override int Rows => 6;
    public override int Columns => 16;
    public override string Name => Fma.IsSupported ? "avx2-fma 6x16" : "vector256 6x16";
    protected override bool Fused => Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Madd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    public override void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, int rows, int cols)
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
            b += 16;
        }

        var full = rows == 6 && cols == 16;
        var tile = stackalloc float[full ? 0 : 6 * 16];
        var al = Vector256.Create(alpha);
        Store(c00, c01, 0); Store(c10, c11, 1); Store(c20, c21, 2);
        Store(c30, c31, 3); Store(c40, c41, 4); Store(c50, c51, 5);
        if (!full) AddEdge(tile, c, ldc, alpha, rows, cols);

        void Store(Vector256<float> lo, Vector256<float> hi, int row)
        {
            if (full)
            {
                var dst = c + row * (long)ldc;
                Vector256.Store(Madd(al, lo, Vector256.Load(dst)), dst);
                Vector256.Store(Madd(al, hi, Vector256.Load(dst + 8)), dst + 8);
            }
            else
            {
                Vector256.Store(lo, tile + row * 16);
                Vector256.Store(hi, tile + row * 16 + 8);
            }
        }
    }
}

/// <summary>6 x 32 tile in twelve 512-bit accumulators (AVX-512F).</summary>
internal sealed unsafe class Kernel6x32 : MicroKernel
{
    public override int Rows => 6;
    public override int Columns => 32;
    public override string Name => "avx512 6x32";
    protected override bool Fused => true;

    public override void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, int rows, int cols)
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
            b += 32;
        }

        var full = rows == 6 && cols == 32;
        var tile = stackalloc float[full ? 0 : 6 * 32];
        var al = Vector512.Create(alpha);
        Store(c00, c01, 0); Store(c10, c11, 1); Store(c20, c21, 2);
        Store(c30, c31, 3); Store(c40, c41, 4); Store(c50, c51, 5);
        if (!full) AddEdge(tile, c, ldc, alpha, rows, cols);

        void Store(Vector512<float> lo, Vector512<float> hi, int row)
        {
            if (full)
            {
                var dst = c + row * (long)ldc;
                Vector512.Store(Avx512F.FusedMultiplyAdd(al, lo, Vector512.Load(dst)), dst);
                Vector512.Store(Avx512F.FusedMultiplyAdd(al, hi, Vector512.Load(dst + 16)), dst + 16);
            }
            else
            {
                Vector512.Store(lo, tile + row * 32);
                Vector512.Store(hi, tile + row * 32 + 16);
            }
        }
    }
}
