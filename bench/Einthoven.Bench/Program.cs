// Benchmark dispatcher: `dotnet run -c Release --project bench/Einthoven.Bench -- <name> [args]`.
// Each benchmark lives in its own file and registers one line here.
using Einthoven.Bench;

var benchmarks = new Dictionary<string, (string Description, Func<string[], int> Run)>(StringComparer.OrdinalIgnoreCase)
{
    ["gemm"] = ("GFLOP/s of the managed SGEMM and OpenBLAS, single-threaded and all-core", GemmBenchmark.Run),
    ["engine"] = ("learning engine throughput on a beat-classifier-sized network", EngineBenchmark.Run),
};

if (args.Length == 0 || args[0] is "-h" or "--help" || !benchmarks.TryGetValue(args[0], out var chosen))
{
    Console.WriteLine("usage: Einthoven.Bench <benchmark> [args]\n");
    foreach (var (name, (description, _)) in benchmarks) Console.WriteLine($"  {name,-10} {description}");
    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 1;
}

return chosen.Run(args[1..]);
