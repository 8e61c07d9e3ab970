using Einthoven.Bench;

// A small dispatcher: `dotnet run -c Release --project bench/Einthoven.Bench -- NAME [args]`.
// Each benchmark lives in its own file and adds one line here.
var benchmarks = new (string Name, string Help, Func<string[], int> Run)[]
{
    ("decode", "decode [MITDB]: WFDB decoding throughput of all 48 MIT-BIH records vs a plain read of the same bytes", DecodeBenchmark.Run),
    ("storage", "storage [MITDB]: bytes per sample of the server's lossless chunked sample storage on all 48 MIT-BIH records", StorageBenchmark.Run),
    ("upload-analysis", "upload-analysis [MITDB]: upload-to-analysed time of a 30-minute record (MIT-BIH 100) on the real server", UploadAnalysisBenchmark.Run),
    ("window-latency", "window-latency: p50/p95 of 2,000-point viewer windows on a 24-hour 2-lead recording over HTTP", WindowLatencyBenchmark.Run),
    ("qrs", "qrs [MITDB]: QRS detection throughput (one thread, first lead of all 48 MIT-BIH records), timed apart from decoding", QrsBenchmark.Run),
    ("wfdb", "wfdb: WFDB decoding rounds (planar fast path)", _ => { WfdbDecodeBench.Run(); return 0; }),
    ("window-memory", "window-memory [MITDB]: peak memory of reading a 24-hour 2-lead 360 Hz record window by window", WindowMemoryBenchmark.Run),
};

if (args.Length == 0 || args[0] is "-h" or "--help" || benchmarks.All(b => b.Name != args[0]))
{
    Console.WriteLine("usage: Einthoven.Bench NAME [args]\n");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Help}");
    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 1;
}
return benchmarks.First(b => b.Name == args[0]).Run(args[1..]);
