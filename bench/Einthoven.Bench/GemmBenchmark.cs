using System.Diagnostics;
using Einthoven.Learning.Kernels;

namespace Einthoven.Bench;

/// <summary>
/// Times <see cref="Gemm.Multiply(GemmBackend, bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, int)"/>
/// for square sizes and the shapes the ECG models produce, on each backend, on one core and on all cores.
/// Prints a Markdown table: the best of 15 short timed runs after a warm-up, which on a shared machine is the
/// closest to what the kernel does when it has the core to itself.
/// </summary>
internal static class GemmBenchmark
{
    private static readonly (string Name, int M, int N, int K)[] Shapes =
    [
        ("256²", 256, 256, 256),
        ("512²", 512, 512, 512),
        ("1024²", 1024, 1024, 1024),
        ("conv fwd 64x(32·7)x4096", 64, 4096, 32 * 7),
        ("conv dW 64x4096x(32·7)ᵀ", 64, 32 * 7, 4096),
    ];

    public static int Run(string[] args)
    {
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"GEMM benchmark, {cores} cores, {DateTime.UtcNow:yyyy-MM-dd}{LoadAverage()}");
        Console.WriteLine($"managed kernel: {Gemm.Describe(GemmBackend.Managed)}; OpenBLAS: {(Gemm.OpenBlasAvailable ? Gemm.Describe(GemmBackend.OpenBlas) : "not installed")}");
        Console.WriteLine();
        Console.WriteLine($"| shape (M x N x K) | managed 1 thread | managed {cores} threads | OpenBLAS 1 thread | OpenBLAS {cores} threads |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, m, n, k) in Shapes)
        {
            var dwShape = name.StartsWith("conv dW", StringComparison.Ordinal);
            var cells = new List<string>();
            foreach (var backend in new[] { GemmBackend.Managed, GemmBackend.OpenBlas })
                foreach (var threads in new[] { 1, cores })
                    cells.Add(backend == GemmBackend.OpenBlas && !Gemm.OpenBlasAvailable
                        ? "-"
                        : $"{Measure(backend, m, n, k, dwShape, threads):F1}");
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }
        Console.WriteLine("\nfigures in GFLOP/s (2·M·N·K per multiply), best of 15 timed runs");
        return 0;
    }

    /// <summary>The 1-minute load average where the OS reports it, since other work on the machine skews timings.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : "";

    private static double Measure(GemmBackend backend, int m, int n, int k, bool transB, int threads)
    {
        var rng = new Random(1);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble()).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble()).ToArray();
        var c = new float[m * n];
        var ldb = transB ? k : n;
        var flops = 2.0 * m * n * k;
        var repeats = Math.Max(1, (int)(5e7 / flops));
        void Once()
        {
            for (var r = 0; r < repeats; r++)
                Gemm.Multiply(backend, false, transB, m, n, k, 1f, a, k, b, ldb, 0f, c, n, threads);
        }
        Once();
        var best = double.MaxValue;
        for (var run = 0; run < 15; run++)
        {
            var watch = Stopwatch.StartNew();
            Once();
            best = Math.Min(best, watch.Elapsed.TotalSeconds / repeats);
        }
        return flops / best / 1e9;
    }
}
