namespace Einthoven.Learning.Kernels;

public enum GemmBackend
{
    /// <summary>The packed, vectorised C# kernel; always available.</summary>
    Managed,
    /// <summary>OpenBLAS <c>cblas_sgemm</c> through P/Invoke, when libopenblas is installed.</summary>
    OpenBlas,
}

/// <summary>
/// The single SGEMM entry point: row-major C = alpha * op(A) * op(B) + beta * C with op(X) = X or Xᵀ, where
/// op(A) is m x k and op(B) is k x n. The backend defaults to OpenBLAS when it loads and to the managed kernel
/// otherwise; set <c>EINTHOVEN_GEMM=managed</c> (or <see cref="Backend"/>) to force the managed one.
/// With <c>threads &gt; 1</c> the output is split into column (or row) strips computed in parallel; the inner
/// dimension is never split, so every element is summed in the same order whatever the thread count.
/// </summary>
public static unsafe class Gemm
{
    private const long MinimumParallelWork = 1L << 20;

    private static GemmBackend backend = DefaultBackend();

    public static bool OpenBlasAvailable => OpenBlas.IsAvailable;

    /// <summary>Which kernel <see cref="Multiply"/> uses. Selecting OpenBLAS when it is missing throws.</summary>
    public static GemmBackend Backend
    {
        get => backend;
        set
        {
            if (value == GemmBackend.OpenBlas && !OpenBlas.IsAvailable)
                throw new InvalidOperationException("OpenBLAS (libopenblas.so.0) is not installed; use the managed backend");
            backend = value;
        }
    }

    /// <summary>A short description of the active kernel, for logs and benchmarks.</summary>
    public static string Describe(GemmBackend which) =>
        which == GemmBackend.OpenBlas ? $"OpenBLAS ({OpenBlas.LibraryName ?? "missing"})" : $"managed ({MicroKernels.Best.Name})";

    public static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int threads = 1)
        => Multiply(backend, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads);

    public static void Multiply(GemmBackend which, bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int threads = 1)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"GEMM dimensions must be non-negative (m={m}, n={n}, k={k})");
        if (m == 0 || n == 0) return;
        CheckOperand("C", c.Length, m, n, ldc);
        if (k > 0)
        {
            CheckOperand("A", a.Length, transA ? k : m, transA ? m : k, lda);
            CheckOperand("B", b.Length, transB ? n : k, transB ? k : n, ldb);
        }
        if (which == GemmBackend.OpenBlas && !OpenBlas.IsAvailable)
            throw new InvalidOperationException("OpenBLAS (libopenblas.so.0) is not installed; use the managed backend");

        fixed (float* pa = a, pb = b, pc = c)
        {
            var problem = new Problem(which, transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (threads <= 1 || (long)m * n * k < MinimumParallelWork) problem.Run(0, m, 0, n);
            else problem.RunParallel(threads);
        }
    }

    private static void CheckOperand(string name, int length, int rows, int cols, int ld)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentException($"GEMM leading dimension of {name} is {ld} but a row holds {cols} values");
        if ((long)(rows - 1) * ld + cols > length)
            throw new ArgumentException($"GEMM operand {name} has {length} values, too few for {rows} x {cols} with leading dimension {ld}");
    }

    private static GemmBackend DefaultBackend()
    {
        var forced = Environment.GetEnvironmentVariable("EINTHOVEN_GEMM");
        if (string.Equals(forced, "managed", StringComparison.OrdinalIgnoreCase)) return GemmBackend.Managed;
        return OpenBlas.IsAvailable ? GemmBackend.OpenBlas : GemmBackend.Managed;
    }

    private readonly struct Problem(GemmBackend which, bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        /// <summary>Computes the block rows [i0, i1) x columns [j0, j1) of C.</summary>
        public void Run(int i0, int i1, int j0, int j1)
        {
            var subA = transA ? a + i0 : a + (long)i0 * lda;
            var subB = transB ? b + (long)j0 * ldb : b + j0;
            var subC = c + (long)i0 * ldc + j0;
            if (which == GemmBackend.OpenBlas)
                OpenBlas.Multiply(transA, transB, i1 - i0, j1 - j0, k, alpha, subA, lda, subB, ldb, beta, subC, ldc);
            else
                ManagedGemm.Multiply(transA, transB, i1 - i0, j1 - j0, k, alpha, subA, lda, subB, ldb, beta, subC, ldc);
        }

        public void RunParallel(int threads)
        {
            // Split the longer side of C into equal strips, aligned to 32 so that micro-tiles stay whole.
            var self = this;
            int rows = m, cols = n;
            var alongColumns = cols >= rows;
            var extent = alongColumns ? cols : rows;
            var strips = Math.Min(threads, Math.Max(1, extent / 32));
            var step = (extent + strips - 1) / strips;
            step = (step + 31) / 32 * 32;
            strips = (extent + step - 1) / step;
            Parallel.For(0, strips, new ParallelOptions { MaxDegreeOfParallelism = threads }, s =>
            {
                var lo = s * step;
                var hi = Math.Min(extent, lo + step);
                if (alongColumns) self.Run(0, rows, lo, hi);
                else self.Run(lo, hi, 0, cols);
            });
        }
    }
}
