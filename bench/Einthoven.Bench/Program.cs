using Einthoven.Bench;

// A small dispatcher: `dotnet run -c Release --project bench/Einthoven.Bench -- NAME [args]`.
// Each benchmark lives in its own file and adds one line here.
var benchmarks = new (string Name, string Help, Func<string[], int> Run)[]
{
    ("decode", "decode [MITDB]: WFDB decoding throughput of all 48 MIT-BIH records vs a plain read of the same bytes", DecodeBenchmark.Run),
    ("window-memory", "window-memory [MITDB]: peak memory of reading a 24-hour 2-lead 360 Hz record window by window", WindowMemoryBenchmark.Run),
    ("gemm", "gemm: GFLOP/s of the managed SGEMM and OpenBLAS, single-threaded and all-core", GemmBenchmark.Run),
    ("beats", "beats [MITDB] [RECORDS...]: beat classification throughput on one core (network alone and end to end), shipped model", BeatsBenchmark.Run),
    ("engine", "engine: learning engine throughput on a beat-classifier-sized network", EngineBenchmark.Run),
    ("wfdb", "wfdb: WFDB decoding of every shared record set (MIT-BIH, CinC 2017, PTB-XL)", _ => { WfdbDecodeBench.Run(); return 0; }),
};

if (args.Length == 0 || args[0] is "-h" or "--help" || benchmarks.All(b => b.Name != args[0]))
{
    Console.WriteLine("usage: Einthoven.Bench NAME [args]\n");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Help}");
    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 1;
}
return benchmarks.First(b => b.Name == args[0]).Run(args[1..]);
