using System.Runtime.InteropServices;

namespace Einthoven.Learning.Kernels;

/// <summary>
/// OpenBLAS <c>cblas_sgemm</c>, bound at run time with <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/> so
/// that the library is optional. It is pinned to one thread: <see cref="Gemm"/> does its own splitting, which keeps
/// the work partition (and therefore the result) the same for both backends.
/// </summary>
internal static unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm;

    static OpenBlas()
    {
        foreach (var name in new[] { "libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "libopenblas.dll" })
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm)) continue;
            if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads))
                ((delegate* unmanaged<int, void>)setThreads)(1);
            Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
            LibraryName = name;
            return;
        }
    }

    public static bool IsAvailable => Sgemm != null;

    public static string? LibraryName { get; }

    public static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        if (Sgemm == null) throw new InvalidOperationException("OpenBLAS (libopenblas.so.0) is not installed");
        Sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}
