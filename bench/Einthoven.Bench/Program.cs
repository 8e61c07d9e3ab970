using Einthoven.Bench;

// A small dispatcher: `dotnet run -c Release --project bench/Einthoven.Bench -- NAME [args]`.
// Each benchmark lives in its own file and adds one line here.
var benchmarks = new (string Name, string Help, Func<string[], int> Run)[]
{
    ("wfdb", "wfdb: WFDB decoding of all 48 MIT-BIH records vs File.ReadAllBytes of the same bytes", _ => { WfdbDecodeBench.Run(); return 0; }),
    ("qrs", "qrs [MITDB]: QRS detection throughput (one thread, first lead of all 48 MIT-BIH records), timed apart from decoding", QrsBenchmark.Run),
    ("window-memory", "window-memory [MITDB]: peak memory of reading a 24-hour 2-lead 360 Hz record window by window", WindowMemoryBenchmark.Run),
    ("edf-csv", "edf-csv [MITDB] [N]: EDF and CSV write and windowed-read throughput on the first N (8) MIT-BIH records", EdfCsvBenchmark.Run),
};

if (args.Length == 0 || args[0] is "-h" or "--help" || benchmarks.All(b => b.Name != args[0]))
{
    Console.WriteLine("usage: Einthoven.Bench NAME [args]\n");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Help}");
    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 1;
}
return benchmarks.First(b => b.Name == args[0]).Run(args[1..]);
