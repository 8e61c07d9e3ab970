using Einthoven.Learning.Kernels;

namespace Einthoven.Learning.Tests.Kernels;

public class GemmTests
{
    public static TheoryData<GemmBackend> Backends()
    {
        var data = new TheoryData<GemmBackend> { GemmBackend.Managed };
        if (Gemm.OpenBlasAvailable) data.Add(GemmBackend.OpenBlas);
        return data;
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void MatchesNaiveReferenceOnRandomShapes(GemmBackend backend)
    {
        var rng = new Random(11);
        int[] sizes = [1, 2, 3, 5, 7, 15, 16, 17, 31, 33, 63, 97, 130, 257, 300];
        for (var trial = 0; trial < 60; trial++)
        {
            int m = sizes[rng.Next(sizes.Length)], n = sizes[rng.Next(sizes.Length)], k = sizes[rng.Next(sizes.Length)];
            bool ta = rng.Next(2) == 1, tb = rng.Next(2) == 1;
            var alpha = trial % 3 == 0 ? 1f : (float)(rng.NextDouble() * 2 - 1);
            var beta = (trial % 4) switch { 0 => 0f, 1 => 1f, _ => (float)(rng.NextDouble() * 2 - 1) };
            CheckAgainstReference(backend, rng, m, n, k, ta, tb, alpha, beta, padding: trial % 2, threads: 1 + trial % 2);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ParallelSplitsMatchReferenceOnLargeShapes(GemmBackend backend)
    {
        var rng = new Random(5);
        CheckAgainstReference(backend, rng, 100, 300, 200, false, false, 1f, 0f, padding: 0, threads: 2);
        CheckAgainstReference(backend, rng, 400, 40, 150, true, true, 0.5f, 1f, padding: 3, threads: 2);
        CheckAgainstReference(backend, rng, 64, 1200, 20, false, true, 1f, 0.25f, padding: 1, threads: 3);
    }

    [Fact]
    public void ManagedResultDoesNotDependOnThreadCount()
    {
        var rng = new Random(3);
        int m = 203, n = 517, k = 333;
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var serial = new float[m * n];
        var parallel = new float[m * n];
        var rowSplit = new float[n * m];
        var rowSplitSerial = new float[n * m];
        Gemm.Multiply(GemmBackend.Managed, false, false, m, n, k, 1f, a, k, b, n, 0f, serial, n, threads: 1);
        Gemm.Multiply(GemmBackend.Managed, false, false, m, n, k, 1f, a, k, b, n, 0f, parallel, n, threads: 3);
        Gemm.Multiply(GemmBackend.Managed, true, true, n, m, k, 1f, b, n, a, k, 0f, rowSplitSerial, m, threads: 1);
        Gemm.Multiply(GemmBackend.Managed, true, true, n, m, k, 1f, b, n, a, k, 0f, rowSplit, m, threads: 2);
        Assert.Equal(serial, parallel);
        Assert.Equal(rowSplitSerial, rowSplit);
    }

    [Fact]
    public void ZeroInnerDimensionOnlyScalesC()
    {
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.Multiply(GemmBackend.Managed, false, false, 2, 2, 0, 1f, [], 1, [], 2, 0.5f, c, 2);
        Assert.Equal(new float[] { 0.5f, 1, 1.5f, 2 }, c);
    }

    [Fact]
    public void BetaZeroOverwritesNaN()
    {
        var c = new[] { float.NaN };
        Gemm.Multiply(GemmBackend.Managed, false, false, 1, 1, 1, 1f, [2f], 1, [3f], 1, 0f, c, 1);
        Assert.Equal(6f, c[0]);
    }

    [Fact]
    public void RejectsOperandsThatAreTooShort()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(GemmBackend.Managed, false, false, 3, 3, 3, 1f, new float[8], 3, new float[9], 3, 0f, new float[9], 3));
        Assert.Contains("operand A", ex.Message);
        Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(GemmBackend.Managed, false, false, 3, 3, 3, 1f, new float[9], 2, new float[9], 3, 0f, new float[9], 3));
    }

    private static void CheckAgainstReference(GemmBackend backend, Random rng, int m, int n, int k, bool ta, bool tb,
        float alpha, float beta, int padding, int threads)
    {
        int lda = (ta ? m : k) + padding, ldb = (tb ? k : n) + padding, ldc = n + padding;
        var a = Random(rng, (ta ? k : m) * lda);
        var b = Random(rng, (tb ? n : k) * ldb);
        var c = Random(rng, m * ldc);
        var expected = (float[])c.Clone();
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                    sum += (double)(ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
                expected[i * ldc + j] = (float)(alpha * sum + (beta == 0f ? 0 : beta * (double)c[i * ldc + j]));
            }
        Gemm.Multiply(backend, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < ldc; j++)
            {
                var tolerance = 1e-5f * (k + 2);
                if (!(Math.Abs(expected[i * ldc + j] - c[i * ldc + j]) <= tolerance))
                    Assert.Fail($"{backend} m={m} n={n} k={k} ta={ta} tb={tb} at ({i},{j}): expected {expected[i * ldc + j]}, got {c[i * ldc + j]}");
            }
    }

    private static float[] Random(Random rng, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }
}
