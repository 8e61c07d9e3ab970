using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Einthoven.Learning.Kernels;

/// <summary>
/// Single-threaded packed SGEMM in the BLIS style: C is walked in NC-wide column blocks and KC-deep slices, the
/// slice of B is packed into NR-wide panels and each MC-row block of A into MR-row panels, and a register-blocked
/// micro-kernel multiplies one A panel by one B panel. Packing pads edges with zeros so the micro-kernel never
/// branches on shape. Row-major throughout; C = alpha * op(A) * op(B) + beta * C.
/// </summary>
internal static unsafe class ManagedGemm
{
    private const int KC = 256;
    private const int MC = 96;
    private const int NC = 4096;
    private const int InPlaceRows = 4;

    [ThreadStatic] private static float[]? packedA;
    [ThreadStatic] private static float[]? packedB;

    public static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        if (k == 0 || alpha == 0f)
        {
            ScaleC(m, n, beta, c, ldc);
            return;
        }
        // With beta = 0 the first depth slice overwrites C instead of clearing it and adding to it.
        var overwrite = beta == 0f;
        if (!overwrite) ScaleC(m, n, beta, c, ldc);

        var kernel = MicroKernels.Best;
        int mr = kernel.Rows, nr = kernel.Columns;
        var bufA = packedA ??= GC.AllocateUninitializedArray<float>(MC * KC + 64, pinned: true);
        var bufB = packedB ??= GC.AllocateUninitializedArray<float>(KC * (NC + 64), pinned: true);
        fixed (float* ap = bufA, bp = bufB)
        {
            for (var jc = 0; jc < n; jc += NC)
            {
                var nb = Math.Min(NC, n - jc);
                for (var pc = 0; pc < k; pc += KC)
                {
                    var kb = Math.Min(KC, k - pc);
                    // A short A reuses each B panel only a few times: then reading B in place beats copying it.
                    var inPlace = !transB && m <= InPlaceRows * mr;
                    PackB(transB, b, ldb, pc, jc, kb, nb, nr, bp, fullPanels: !inPlace);
                    for (var ic = 0; ic < m; ic += MC)
                    {
                        var mb = Math.Min(MC, m - ic);
                        PackA(transA, a, lda, ic, pc, mb, kb, mr, ap);
                        for (var jr = 0; jr < nb; jr += nr)
                        {
                            var cols = Math.Min(nr, nb - jr);
                            var direct = inPlace && cols == nr;
                            var bPanel = direct ? b + pc * (long)ldb + jc + jr : bp + jr * kb;
                            var bStride = direct ? ldb : nr;
                            for (var ir = 0; ir < mb; ir += mr)
                            {
                                var rows = Math.Min(mr, mb - ir);
                                kernel.Run(kb, ap + ir * kb, bPanel, bStride, c + (ic + ir) * (long)ldc + jc + jr, ldc, alpha, rows, cols,
                                    overwrite && pc == 0);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void ScaleC(int m, int n, float beta, float* c, int ldc)
    {
        if (beta == 1f) return;
        for (var i = 0; i < m; i++)
        {
            var row = new Span<float>(c + i * (long)ldc, n);
            if (beta == 0f) row.Clear();
            else System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }

    /// <summary>Packs rows [ic, ic+mb) x columns [pc, pc+kb) of op(A) into MR-row panels, each column-interleaved.</summary>
    private static void PackA(bool trans, float* a, int lda, int ic, int pc, int mb, int kb, int mr, float* dst)
    {
        for (var ir = 0; ir < mb; ir += mr)
        {
            var rows = Math.Min(mr, mb - ir);
            var panel = dst + ir * kb;
            if (trans)
            {
                // op(A)[i, p] = a[p * lda + i]: each column of the panel is contiguous in memory.
                for (var p = 0; p < kb; p++)
                {
                    var src = a + (pc + p) * (long)lda + ic + ir;
                    var d = panel + p * mr;
                    for (var r = 0; r < rows; r++) d[r] = src[r];
                    for (var r = rows; r < mr; r++) d[r] = 0f;
                }
            }
            else
            {
                for (var r = 0; r < rows; r++)
                {
                    var src = a + (ic + ir + r) * (long)lda + pc;
                    for (var p = 0; p < kb; p++) panel[p * mr + r] = src[p];
                }
                for (var r = rows; r < mr; r++)
                    for (var p = 0; p < kb; p++) panel[p * mr + r] = 0f;
            }
        }
    }

    /// <summary>
    /// Packs rows [pc, pc+kb) x columns [jc, jc+nb) of op(B) into NR-column panels, each row-interleaved; without
    /// <paramref name="fullPanels"/> only the partial edge panel (the others are read in place).
    /// </summary>
    private static void PackB(bool trans, float* b, int ldb, int pc, int jc, int kb, int nb, int nr, float* dst, bool fullPanels)
    {
        for (var jr = 0; jr < nb; jr += nr)
        {
            var cols = Math.Min(nr, nb - jr);
            if (cols == nr && !fullPanels) continue;
            var panel = dst + jr * kb;
            if (trans)
            {
                // op(B)[p, j] = b[j * ldb + p]
                for (var col = 0; col < cols; col++)
                {
                    var src = b + (jc + jr + col) * (long)ldb + pc;
                    for (var p = 0; p < kb; p++) panel[p * nr + col] = src[p];
                }
                for (var col = cols; col < nr; col++)
                    for (var p = 0; p < kb; p++) panel[p * nr + col] = 0f;
            }
            else
            {
                for (var p = 0; p < kb; p++)
                {
                    var src = b + (pc + p) * (long)ldb + jc + jr;
                    var d = panel + p * nr;
                    if (cols == nr) Unsafe.CopyBlockUnaligned(d, src, (uint)(nr * sizeof(float)));
                    else
                    {
                        for (var col = 0; col < cols; col++) d[col] = src[col];
                        for (var col = cols; col < nr; col++) d[col] = 0f;
                    }
                }
            }
        }
    }
}
